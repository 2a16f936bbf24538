import { describe, expect, it } from 'vitest';
import { expectEvent, parseText } from './helpers.ts';

describe('a time line in a details section', () => {
  it('"#### 19:30 Greetings" then "20:00" and "Closing remarks" on their own lines: the second slot stays out of the first abstract', () => {
    const text =
      '---\ntitle: "#20"\ndate: 2026-12-09T19:30\n---\n#### 19:30 Greetings\n\nA word from our host.\n\n20:00\n\nClosing remarks\n';
    const event = expectEvent(parseText('x.md', text));
    expect(event.slots.map((slot) => [slot.title, slot.abstract])).toEqual([
      ['Greetings', 'A word from our host.'],
      ['Closing remarks', undefined],
    ]);
  });

  it('a programme line inside a section ends it too, and text after it is not the previous slot’s', () => {
    const text =
      '---\ntitle: "#20"\ndate: 2026-12-09T19:30\n---\n## 19:30 Greetings\n\nA word from our host.\n* 20h00-20h30 : Closing remarks\nSee you next time.\n';
    const event = expectEvent(parseText('x.md', text));
    expect(event.slots[0]?.abstract).toBe('A word from our host.');
  });
});

import { describe, expect, it } from 'vitest';
import { harness, NOW, organiser } from './support.ts';

/** Sample meetup #13 has a 15-minute "Lightning talks" slot (20:35–20:50) and no `proposals.minutes`. */
describe('accepted talks that outgrow the programme’s lightning slot', () => {
  it('are accepted (no limit in minutes is set) with a note saying so and how to set one', async () => {
    const h = await harness({ now: NOW });
    for (const [title, duration] of [
      ['Un', 10],
      ['Deux', 10],
    ] as const) {
      await h.run(`/propose title:${title} abstract:"Court." duration:${duration}`, {
        id: `m-${title}`,
        displayName: title,
      });
    }
    expect((await h.ask('/proposals accept 1', { ...organiser, locale: 'en' })).words).not.toContain('Note:');
    const second = (await h.ask('/proposals accept 2', { ...organiser, locale: 'en' })).words;
    expect(second).toContain(
      'Note: the accepted talks take 20 minutes, and the programme’s lightning slot lasts 15 minutes. Set proposals.minutes',
    );
  });
});

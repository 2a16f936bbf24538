import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/core/command.ts';
import { harness } from '../support/harness.ts';

const organiser = { id: 'org', displayName: 'org', organiser: true };

/** A line per command and subcommand, with what their replies hold: times, lists, buttons, effects. */
const LINES: Array<[string, typeof organiser | undefined]> = [
  ['/agenda 4', undefined],
  ['/agenda', undefined],
  ['/agenda now', undefined],
  ['/help', undefined],
  ['/help proposals', undefined],
  ['/propose title:"Chaos" abstract:"Des pannes." duration:5', undefined],
  ['/propose mine', undefined],
  ['/proposals', organiser],
  ['/proposals accept 1', organiser],
  ['/feedback summary 4', organiser],
  ['/announce at:"2026-12-01 18:00" message:"Ce soir !"', organiser],
  ['/announce list', organiser],
];

describe('replies are plain data', () => {
  it('survive a JSON round trip and render identically, effects included', async () => {
    const h = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const outcomes: Outcome[] = [];
    for (const [line, member] of LINES) outcomes.push(await h.run(line, member));
    outcomes.push(...h.poster.sent.map((sent) => sent.reply));
    expect(outcomes.some((outcome) => JSON.stringify(outcome).includes('"type":"time"'))).toBe(true);
    for (const outcome of outcomes) {
      const stored = JSON.parse(JSON.stringify(outcome)) as Outcome;
      expect(stored).toEqual(outcome);
      expect(h.render(stored)).toBe(h.render(outcome));
      if (outcome.kind === 'reply')
        for (const effect of outcome.effects ?? []) expect(JSON.parse(JSON.stringify(effect))).toEqual(effect);
    }
  });
});

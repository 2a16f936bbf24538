import { describe, expect, it } from 'vitest';
import { expectEvent, iso, parseFixture, parseText } from './helpers.ts';

const times = (event: { slots: { start?: unknown; end?: unknown }[] }) =>
  event.slots.map((slot) => [iso(slot.start as never), iso(slot.end as never)]);

describe('time rules', () => {
  it('a slot ending before it starts crosses midnight, and later slots stay on the next day', () => {
    const event = expectEvent(parseFixture('midnight.md'));
    expect(times(event)).toEqual([
      ['2026-10-14T20:00:00Z', '2026-10-14T21:15:00Z'],
      ['2026-10-14T21:15:00Z', '2026-10-14T22:15:00Z'],
      // open-ended last slot: until `end: "01:30"`, which is on the next day
      ['2026-10-14T22:15:00Z', '2026-10-14T23:30:00Z'],
    ]);
    expect(iso(event.end)).toBe('2026-10-14T23:30:00Z');
  });

  it('Paris, night of 28-29 March 2026: 02:00 becomes 03:00, so 01:30-03:30 lasts one hour', () => {
    const event = expectEvent(parseFixture('dst-paris-night.md'));
    expect(times(event)).toEqual([
      ['2026-03-28T22:00:00Z', '2026-03-28T23:30:00Z'],
      ['2026-03-28T23:30:00Z', '2026-03-29T00:30:00Z'],
      ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'],
    ]);
    expect(event.slots[2]?.end?.diff(event.slots[2].start!, 'minutes').minutes).toBe(60);
  });

  it('Paris, 29 March 2026 at 19:00 is already summer time (+02:00)', () => {
    const event = expectEvent(parseFixture('dst-paris-day.md'));
    expect(iso(event.start)).toBe('2026-03-29T17:00:00Z');
    const dayBefore = expectEvent(
      parseText('x.md', '---\ntitle: "#1"\ndate: 2026-03-28T19:00\n---\n* 19h00-19h30 : Talk - Jane Roe\n'),
    );
    expect(iso(dayBefore.start)).toBe('2026-03-28T18:00:00Z');
  });

  it('Toronto, 1 November 2026 at 18:00 is standard time (-05:00); a copied -04:00 is reported and the wall clock wins', () => {
    const event = expectEvent(parseFixture('dst-toronto.yaml', 'America/Toronto'));
    expect(iso(event.start)).toBe('2026-11-01T23:00:00Z');
    expect(times(event)).toEqual([['2026-11-01T23:00:00Z', '2026-11-01T23:30:00Z']]);
    expect(event.warnings).toHaveLength(1);
    expect(event.warnings[0]).toContain('dst-toronto.yaml');
    expect(event.warnings[0]).toContain('-04:00');
    expect(event.warnings[0]).toContain('America/Toronto is at -05:00');
    const dayBefore = expectEvent(parseText('x.yaml', 'title: "#1"\ndate: 2026-10-31 18:00\n', 'America/Toronto'));
    expect(iso(dayBefore.start)).toBe('2026-10-31T22:00:00Z');
  });

  it('instants are UTC DateTimes and the event keeps its zone', () => {
    const event = expectEvent(parseFixture('dst-paris-day.md'));
    expect(event.start.zoneName).toBe('UTC');
    expect(event.slots[0]?.start?.zoneName).toBe('UTC');
    expect(event.timezone).toBe('Europe/Paris');
  });

  it('an open-ended slot ends at the next start; the last one at `end`, else after 45 minutes', () => {
    const text = (end: string) =>
      `---\ntitle: "#2"\ndate: 2026-12-09T19:00\n${end}---\n* 19h00 : Accueil\n* 19h30 : Talk - Jane Roe\n`;
    const withEnd = expectEvent(parseText('x.md', text('end: 21h00\n')));
    expect(times(withEnd)).toEqual([
      ['2026-12-09T18:00:00Z', '2026-12-09T18:30:00Z'],
      ['2026-12-09T18:30:00Z', '2026-12-09T20:00:00Z'],
    ]);
    const without = expectEvent(parseText('x.md', text('')));
    expect(iso(without.slots[1]?.end)).toBe('2026-12-09T19:15:00Z');
    expect(iso(without.end)).toBe('2026-12-09T19:15:00Z');
  });

  it('event end: the written `end` (date-time too), else the latest slot end, else start + 3 h', () => {
    const fullEnd = expectEvent(
      parseText(
        'x.md',
        '---\ntitle: "#3"\ndate: 2026-12-09T19:00\nend: 2026-12-09T22:15\n---\n* 19h00-19h15 : Accueil\n',
      ),
    );
    expect(iso(fullEnd.end)).toBe('2026-12-09T21:15:00Z');
    const recap = expectEvent(
      parseText('x.md', '---\ntitle: "#3"\ndate: 2026-12-09T19:00\n---\n* Talk par Jane Roe\n'),
    );
    expect(iso(recap.end)).toBe('2026-12-09T21:00:00Z');
  });

  it('a date without a time and without timed slots starts at midnight, with a warning saying so', () => {
    const event = expectEvent(parseText('recap.md', '---\ntitle: "#3"\ndate: 2026-12-09\n---\n* Talk par Jane Roe\n'));
    expect(iso(event.start)).toBe('2026-12-08T23:00:00Z');
    expect(event.warnings[0]).toMatch(
      /^recap\.md:3, field `date`: "2026-12-09" has no time.*fix: write the start time, e.g\. date: 2026-12-09T19:00/,
    );
  });

  it('a JS Date from a YAML 1.1 reader is taken as an instant', async () => {
    const { readWrittenDate } = await import('../../../src/agenda/parse/wallClock.ts');
    expect(readWrittenDate('2026-06-10T17:00:00Z', 'Europe/Paris')).toEqual({
      raw: '2026-06-10T17:00:00Z',
      date: { year: 2026, month: 6, day: 10 },
      time: { hour: 19, minute: 0 },
    });
    expect(readWrittenDate('2026-06-10T23:30Z', 'Europe/Paris')).toMatchObject({
      date: { year: 2026, month: 6, day: 11 },
      time: { hour: 1, minute: 30 },
    });
    expect(readWrittenDate(new Date('2019-09-18T17:00:00Z'), 'Europe/Paris')).toMatchObject({
      date: { year: 2019, month: 9, day: 18 },
      time: { hour: 19, minute: 0 },
    });
    expect(readWrittenDate(new Date('2019-09-18T00:00:00Z'), 'Europe/Paris')).toEqual({
      raw: '2019-09-18T00:00:00.000Z',
      date: { year: 2019, month: 9, day: 18 },
    });
  });
});

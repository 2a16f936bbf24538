import { DateTime } from 'luxon';
import { createTask } from 'node-cron';
import { describe, expect, it, vi } from 'vitest';
import { compileCron, type CronSpec } from '../../src/announcements/cron.ts';
import { nextCronRuns, parseWhen } from '../../src/announcements/occurrences.ts';
import { ZoneTime } from '../../src/announcements/zone.ts';

function spec(expression: string): CronSpec {
  const check = compileCron(expression);
  if (!check.ok) throw new Error(expression);
  return check.spec;
}

/** Runs as local wall-clock strings with their offset, the way an organiser reads them. */
function runs(expression: string, zone: string, fromIso: string, count: number): string[] {
  return nextCronRuns(spec(expression), zone, Date.parse(fromIso), count).map((ms) =>
    DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm:ss ZZ'),
  );
}

describe('DST rule: a skipped wall-clock time runs at the end of the gap; a repeated one runs once, at its first occurrence', () => {
  describe('Europe/Paris', () => {
    it('spring forward, 29 March 2026: a daily 02:30 runs at 03:00 (+02:00) that day, and at 02:30 on the days around', () => {
      expect(runs('30 2 * * *', 'Europe/Paris', '2026-03-27T12:00:00Z', 4)).toEqual([
        '2026-03-28 02:30:00 +01:00',
        '2026-03-29 03:00:00 +02:00',
        '2026-03-30 02:30:00 +02:00',
        '2026-03-31 02:30:00 +02:00',
      ]);
    });

    it('spring forward: times on either side of the gap keep their local time; several skipped times run once', () => {
      expect(runs('0 10 * * *', 'Europe/Paris', '2026-03-28T00:00:00Z', 2)).toEqual([
        '2026-03-28 10:00:00 +01:00',
        '2026-03-29 10:00:00 +02:00',
      ]);
      expect(runs('*/20 * * * *', 'Europe/Paris', '2026-03-29T00:30:00Z', 5)).toEqual([
        '2026-03-29 01:40:00 +01:00',
        '2026-03-29 03:00:00 +02:00',
        '2026-03-29 03:20:00 +02:00',
        '2026-03-29 03:40:00 +02:00',
        '2026-03-29 04:00:00 +02:00',
      ]);
    });

    it('fall back, 25 October 2026: a daily 02:30 runs once, at the first 02:30 (+02:00)', () => {
      expect(runs('30 2 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z', 3)).toEqual([
        '2026-10-25 02:30:00 +02:00',
        '2026-10-26 02:30:00 +01:00',
        '2026-10-27 02:30:00 +01:00',
      ]);
    });

    it('fall back: an hourly schedule runs once per wall-clock hour (no second 02:00)', () => {
      expect(runs('0 * * * *', 'Europe/Paris', '2026-10-24T23:30:00Z', 3)).toEqual([
        '2026-10-25 02:00:00 +02:00',
        '2026-10-25 03:00:00 +01:00',
        '2026-10-25 04:00:00 +01:00',
      ]);
    });

    it('a weekly 10:00 keeps 10:00 local across both changes', () => {
      const local = runs('0 10 * * 1', 'Europe/Paris', '2026-03-20T00:00:00Z', 2).concat(
        runs('0 10 * * 1', 'Europe/Paris', '2026-10-20T00:00:00Z', 2),
      );
      expect(local).toEqual([
        '2026-03-23 10:00:00 +01:00',
        '2026-03-30 10:00:00 +02:00',
        '2026-10-26 10:00:00 +01:00',
        '2026-11-02 10:00:00 +01:00',
      ]);
    });
  });

  describe('America/Toronto', () => {
    it('spring forward, 8 March 2026: a daily 02:30 runs at 03:00 (-04:00) that day', () => {
      expect(runs('30 2 * * *', 'America/Toronto', '2026-03-07T12:00:00Z', 3)).toEqual([
        '2026-03-08 03:00:00 -04:00',
        '2026-03-09 02:30:00 -04:00',
        '2026-03-10 02:30:00 -04:00',
      ]);
    });

    it('fall back, 1 November 2026: a daily 01:30 runs once, at the first 01:30 (-04:00)', () => {
      expect(runs('30 1 * * *', 'America/Toronto', '2026-10-31T12:00:00Z', 3)).toEqual([
        '2026-11-01 01:30:00 -04:00',
        '2026-11-02 01:30:00 -05:00',
        '2026-11-03 01:30:00 -05:00',
      ]);
    });

    it('fall back: every 15 minutes does not run again in the repeated hour', () => {
      const list = runs('*/15 * * * *', 'America/Toronto', '2026-11-01T05:40:00Z', 4);
      expect(list).toEqual([
        '2026-11-01 01:45:00 -04:00',
        '2026-11-01 02:00:00 -05:00',
        '2026-11-01 02:15:00 -05:00',
        '2026-11-01 02:30:00 -05:00',
      ]);
    });
  });

  it('is one rule in every zone, where node-cron 4.6 resolves repeats differently per zone and drops skipped times', () => {
    const theirs = (expression: string, zone: string, from: string) => {
      vi.useFakeTimers({ now: Date.parse(from), toFake: ['Date'] });
      const task = createTask(expression, () => undefined, { timezone: zone });
      const [next] = task.getNextRuns(1);
      void task.destroy();
      vi.useRealTimers();
      return DateTime.fromJSDate(next!, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');
    };
    // node-cron: the second 02:30 in Paris, but the first 01:30 in Toronto.
    expect(theirs('30 2 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z')).toBe('2026-10-25 02:30 +01:00');
    expect(theirs('30 1 * * *', 'America/Toronto', '2026-10-31T12:00:00Z')).toBe('2026-11-01 01:30 -04:00');
    // node-cron: no run at all on the day of the gap.
    expect(theirs('30 2 * * *', 'Europe/Paris', '2026-03-28T12:00:00Z')).toBe('2026-03-30 02:30 +02:00');
    // Here: the first occurrence in both zones, and the end of the gap.
    expect(runs('30 2 * * *', 'Europe/Paris', '2026-10-24T12:00:00Z', 1)).toEqual(['2026-10-25 02:30:00 +02:00']);
    expect(runs('30 1 * * *', 'America/Toronto', '2026-10-31T12:00:00Z', 1)).toEqual(['2026-11-01 01:30:00 -04:00']);
    expect(runs('30 2 * * *', 'Europe/Paris', '2026-03-28T12:00:00Z', 1)).toEqual(['2026-03-29 03:00:00 +02:00']);
  });

  it('`/announce at:` follows the same rule for a typed local time', () => {
    const paris = (text: string) =>
      DateTime.fromMillis(parseWhen(text, 'Europe/Paris')!, { zone: 'Europe/Paris' }).toISO();
    expect(paris('2026-03-29 02:30')).toBe('2026-03-29T03:00:00.000+02:00');
    expect(paris('2026-10-25 02:30')).toBe('2026-10-25T02:30:00.000+02:00');
    expect(paris('2026-12-01 18:00')).toBe('2026-12-01T18:00:00.000+01:00');
    const toronto = (text: string) =>
      DateTime.fromMillis(parseWhen(text, 'America/Toronto')!, { zone: 'America/Toronto' }).toISO();
    expect(toronto('2026-03-08 02:15:30')).toBe('2026-03-08T03:00:00.000-04:00');
    expect(toronto('2026-11-01 01:30')).toBe('2026-11-01T01:30:00.000-04:00');
    expect(parseWhen('2026-12-01T18:00:00+01:00', 'America/Toronto')).toBe(Date.parse('2026-12-01T17:00:00Z'));
    expect(parseWhen('2026-02-30 10:00', 'Europe/Paris')).toBeUndefined();
    expect(parseWhen('demain 18h', 'Europe/Paris')).toBeUndefined();
  });

  it('maps instants to wall clocks and back for every hour of 2026 in both zones', () => {
    for (const name of ['Europe/Paris', 'America/Toronto']) {
      const zone = ZoneTime.of(name);
      const wrong: string[] = [];
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * 60_000) {
        const expected = DateTime.fromMillis(t, { zone: name });
        const naive = Date.UTC(expected.year, expected.month - 1, expected.day, expected.hour, expected.minute);
        if (zone.toNaive(t) !== naive) wrong.push(`${name} ${expected.toISO()}`);
        if (!zone.instantsOf(naive).includes(t)) wrong.push(`${name} back ${expected.toISO()}`);
      }
      expect(wrong).toEqual([]);
    }
  });
});

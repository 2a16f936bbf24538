import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZoneClock, luxonZoneClock } from '../../../src/agenda/formats/zoneClock.ts';

const HOUR = 3_600_000;
const ZONES = [
  'Europe/Paris',
  'America/Toronto',
  'Australia/Lord_Howe',
  'Africa/Casablanca',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Chatham',
  'UTC',
];

describe('cached zone offsets', () => {
  it('gives the instant luxon gives at times spread over 2019–2027 outside clock changes, in zones with odd offsets and changes', () => {
    const clock = cachedZoneClock();
    const differences: string[] = [];
    for (const name of ZONES) {
      const zone = IANAZone.create(name);
      for (let at = Date.UTC(2019, 0, 1, 0, 17); at < Date.UTC(2028, 0, 1); at += 61 * HOUR) {
        // A wall clock that occurs twice, or never, has no single answer: tested below.
        if (zone.offset(at + HOUR) !== zone.offset(at) || zone.offset(at - HOUR) !== zone.offset(at)) continue;
        const wall = DateTime.fromMillis(at, { zone });
        const written = { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute };
        if (clock.instant(written, name).toMillis() !== at) differences.push(`${name} ${wall.toISO()}`);
        const back = clock.wall(DateTime.fromMillis(at, { zone: 'utc' }), name);
        if (back.day !== wall.day || back.hour !== wall.hour || back.minute !== wall.minute)
          differences.push(`back ${name} ${wall.toISO()}`);
      }
    }
    expect(differences).toEqual([]);
    // The reference itself: luxon reads a few of these wall clocks the same way.
    expect(
      luxonZoneClock.instant({ year: 2026, month: 7, day: 1, hour: 19, minute: 0 }, 'Australia/Lord_Howe').toISO(),
    ).toBe(clock.instant({ year: 2026, month: 7, day: 1, hour: 19, minute: 0 }, 'Australia/Lord_Howe').toISO());
  });

  it('moves a time a spring change skips forward, and reads a repeated autumn time as its first occurrence', () => {
    const clock = cachedZoneClock();
    const iso = (zone: string, day: number, month: number, hour: number, minute: number) =>
      clock.instant({ year: 2026, month, day, hour, minute }, zone).toISO({ suppressMilliseconds: true });
    expect(iso('Europe/Paris', 29, 3, 2, 30)).toBe('2026-03-29T01:30:00Z');
    expect(iso('Europe/Paris', 25, 10, 2, 30)).toBe('2026-10-25T00:30:00Z');
    expect(iso('America/Toronto', 8, 3, 2, 30)).toBe('2026-03-08T07:30:00Z');
    expect(iso('America/Toronto', 1, 11, 1, 30)).toBe('2026-11-01T05:30:00Z');
  });

  it('reads an unknown zone as luxon does (an invalid instant), never throws', () => {
    expect(
      cachedZoneClock().instant({ year: 2026, month: 1, day: 1, hour: 19, minute: 0 }, 'Europe/Pari').isValid,
    ).toBe(false);
  });
});

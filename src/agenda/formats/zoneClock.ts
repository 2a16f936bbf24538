import { DateTime, IANAZone } from 'luxon';
import { offsetIn, ZoneYears, type YearOffsets } from '../parse/zoneYears.ts';

/** A wall-clock reading in some zone: what event files write. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/** Wall-clock times in an IANA zone to UTC instants, and back. */
export interface ZoneClock {
  instant(wall: WallClock, zone: string): DateTime;
  wall(at: DateTime, zone: string): WallClock;
}

const wallOf = (at: DateTime): WallClock => ({
  year: at.year,
  month: at.month,
  day: at.day,
  hour: at.hour,
  minute: at.minute,
  second: at.second,
});

/** The plain luxon path: Intl look-ups for every time read (the baseline). */
export const luxonZoneClock: ZoneClock = {
  instant: (wall, zone) => DateTime.fromObject(wall, { zone }).toUTC(),
  wall: (at, zone) => wallOf(at.setZone(zone)),
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Offsets per zone and year (see ZoneYears), reused for every time read in that year. A gap
 * (02:30 on a spring change) moves forward as luxon does; a repeated time (02:30 on an autumn
 * change) is its first occurrence, summer time.
 */
export function cachedZoneClock(): ZoneClock {
  const years = new ZoneYears();
  const yearOf = (zone: IANAZone, at: number): YearOffsets => years.yearOf(zone, at);
  const offsetAt = (zone: IANAZone, at: number): number => years.offsetAt(zone, at);
  return {
    instant(wall, zoneName) {
      const zone = IANAZone.create(zoneName);
      if (!zone.isValid) return luxonZoneClock.instant(wall, zoneName);
      const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
      const table = yearOf(zone, local);
      // Most times are days away from any change of offset: then the offset is the one in force.
      const steady = table.changes.every((change) => Math.abs(change.at - local) > 2 * DAY);
      const at = steady
        ? local - offsetIn(table, local) * MINUTE
        : instantOf(local, (instant) => offsetAt(zone, instant));
      return DateTime.fromMillis(at, { zone: 'utc' });
    },
    wall(at, zoneName) {
      const zone = IANAZone.create(zoneName);
      if (!zone.isValid) return luxonZoneClock.wall(at, zoneName);
      return wallOf(DateTime.fromMillis(at.toMillis() + offsetAt(zone, at.toMillis()) * MINUTE, { zone: 'utc' }));
    },
  };
}

/** The instant of a wall-clock time (`local`, read as if UTC) given the zone's offset function. */
function instantOf(local: number, offsetAt: (at: number) => number): number {
  // The offsets just before and after: a day on either side covers every change of offset.
  const candidates = [...new Set([offsetAt(local - DAY), offsetAt(local + DAY)])].sort((a, b) => b - a);
  const valid = candidates.filter((offset) => offsetAt(local - offset * MINUTE) === offset);
  // Two valid offsets: a repeated hour, the first (larger offset). None: a gap, moved forward.
  const offset: number = valid[0] ?? (candidates.at(-1) as number);
  return local - offset * MINUTE;
}

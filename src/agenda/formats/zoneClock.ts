import { DateTime, IANAZone } from 'luxon';

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

const wallOf = (at: DateTime): WallClock => ({ year: at.year, month: at.month, day: at.day, hour: at.hour, minute: at.minute, second: at.second });

/** The plain luxon path: Intl look-ups for every time read (the baseline). */
export const luxonZoneClock: ZoneClock = {
  instant: (wall, zone) => DateTime.fromObject(wall, { zone }).toUTC(),
  wall: (at, zone) => wallOf(at.setZone(zone)),
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

/** One zone's offsets over one UTC year: the offset at its start and each change after it. */
interface YearOffsets {
  start: number;
  changes: Array<{ at: number; offset: number }>;
}

/**
 * Offsets per zone and year, found once with a few Intl look-ups (one a week, then a bisection
 * around each change) and reused for every time read in that year: asking Intl for every time
 * is what made loading thousands of files slow. A gap (02:30 on a spring change) moves forward
 * as luxon does; a repeated time (02:30 on an autumn change) is its first occurrence, summer time.
 */
export function cachedZoneClock(): ZoneClock {
  const zones = new Map<string, Map<number, YearOffsets>>();
  const yearOf = (zone: IANAZone, at: number): YearOffsets => {
    let years = zones.get(zone.name);
    if (!years) zones.set(zone.name, (years = new Map<number, YearOffsets>()));
    const year = new Date(at).getUTCFullYear();
    let table = years.get(year);
    if (!table) years.set(year, (table = yearOffsets(zone, year)));
    return table;
  };
  const offsetAt = (zone: IANAZone, at: number): number => offsetIn(yearOf(zone, at), at);
  return {
    instant(wall, zoneName) {
      const zone = IANAZone.create(zoneName);
      if (!zone.isValid) return luxonZoneClock.instant(wall, zoneName);
      const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
      const table = yearOf(zone, local);
      // Most times are days away from any change of offset: then the offset is the one in force.
      const steady = table.changes.every((change) => Math.abs(change.at - local) > 2 * DAY);
      const at = steady ? local - offsetIn(table, local) * MINUTE : instantOf(local, (instant) => offsetAt(zone, instant));
      return DateTime.fromMillis(at, { zone: 'utc' });
    },
    wall(at, zoneName) {
      const zone = IANAZone.create(zoneName);
      if (!zone.isValid) return luxonZoneClock.wall(at, zoneName);
      return wallOf(DateTime.fromMillis(at.toMillis() + offsetAt(zone, at.toMillis()) * MINUTE, { zone: 'utc' }));
    },
  };
}

function offsetIn(table: YearOffsets, at: number): number {
  let offset = table.start;
  for (const change of table.changes) if (change.at <= at) offset = change.offset;
  return offset;
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

function yearOffsets(zone: IANAZone, year: number): YearOffsets {
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const start = zone.offset(from);
  const changes: YearOffsets['changes'] = [];
  let [before, previous] = [from, start];
  for (let at = Math.min(from + WEEK, to); before < to; at = Math.min(at + WEEK, to)) {
    const offset = zone.offset(at);
    if (offset !== previous) changes.push({ at: firstAt(zone, before, at, offset), offset });
    [before, previous] = [at, offset];
  }
  return { start, changes };
}

/** The first minute in (low, high] at which the zone has `offset`, by bisection. */
function firstAt(zone: IANAZone, low: number, high: number, offset: number): number {
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (zone.offset(mid) === offset) high = mid;
    else low = mid;
  }
  return high;
}

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

/** Turns a wall-clock time in an IANA zone into a UTC instant. */
export type ZoneClock = (wall: WallClock, zone: string) => DateTime;

/** The plain luxon path: two or three Intl look-ups for every time read (the baseline). */
export const luxonZoneClock: ZoneClock = (wall, zone) => DateTime.fromObject(wall, { zone }).toUTC();

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;

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
  const years = new Map<string, YearOffsets>();
  const offsetAt = (zone: IANAZone, at: number): number => {
    const year = new Date(at).getUTCFullYear();
    const key = `${zone.name}|${year}`;
    let table = years.get(key);
    if (!table) years.set(key, (table = yearOffsets(zone, year)));
    let offset = table.start;
    for (const change of table.changes) if (change.at <= at) offset = change.offset;
    return offset;
  };
  return (wall, zoneName) => {
    const zone = IANAZone.create(zoneName);
    if (!zone.isValid) return luxonZoneClock(wall, zoneName);
    const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
    return DateTime.fromMillis(instantOf(local, (at) => offsetAt(zone, at)), { zone: 'utc' });
  };
}

/** The instant of a wall-clock time (`local`, read as if UTC) given the zone's offset function. */
function instantOf(local: number, offsetAt: (at: number) => number): number {
  // The offsets just before and after: a day on either side covers every change of offset.
  const candidates = [...new Set([offsetAt(local - 86_400_000), offsetAt(local + 86_400_000)])].sort((a, b) => b - a);
  const valid = candidates.filter((offset) => offsetAt(local - offset * MINUTE) === offset);
  // Two valid offsets: a repeated hour, the first (larger offset). None: a gap, moved forward.
  const offset = valid[0] ?? (candidates.at(-1) as number);
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

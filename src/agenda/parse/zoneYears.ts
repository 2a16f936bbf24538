import { IANAZone } from 'luxon';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

/** One zone's offsets over one UTC year: the offset at its start and each change after it. */
export interface YearOffsets {
  start: number;
  changes: Array<{ at: number; offset: number }>;
}

/**
 * Offsets per zone and year, found once with a few Intl look-ups (one a week, then a bisection
 * around each change) and reused for every time read in that year: asking Intl for every time
 * is what made loading thousands of files slow.
 */
export class ZoneYears {
  private readonly zones = new Map<string, Map<number, YearOffsets>>();
  /** The table asked last and the UTC year it covers: most look-ups in a row fall in one year of one zone. */
  private last: { zone: string; from: number; to: number; table: YearOffsets } | undefined;

  yearOf(zone: IANAZone, at: number): YearOffsets {
    const last = this.last;
    if (last && last.zone === zone.name && at >= last.from && at < last.to) return last.table;
    const year = new Date(at).getUTCFullYear();
    const table = this.lookUp(zone, year);
    this.last = { zone: zone.name, from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), table };
    return table;
  }

  private lookUp(zone: IANAZone, year: number): YearOffsets {
    let years = this.zones.get(zone.name);
    if (!years) this.zones.set(zone.name, (years = new Map<number, YearOffsets>()));
    let table = years.get(year);
    if (!table) years.set(year, (table = yearOffsets(zone, year)));
    return table;
  }

  offsetAt(zone: IANAZone, at: number): number {
    return offsetIn(this.yearOf(zone, at), at);
  }

  /** The one offset in force from `from` to `to` (UTC ms, less than a year apart), or undefined when it changes between. */
  steadyBetween(zone: IANAZone, from: number, to: number): number | undefined {
    const first = this.yearOf(zone, from);
    const last = this.yearOf(zone, to);
    const changes = first === last ? first.changes : [...first.changes, ...last.changes];
    for (const change of changes) if (change.at > from && change.at <= to) return undefined;
    return offsetIn(first, from);
  }
}

export function offsetIn(table: YearOffsets, at: number): number {
  let offset = table.start;
  for (const change of table.changes) if (change.at <= at) offset = change.offset;
  return offset;
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

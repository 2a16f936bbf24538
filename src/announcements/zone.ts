import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
/** Offsets are looked at this far on either side of a wall-clock time (covers every UTC offset). */
const SPAN = 18 * HOUR;

/**
 * One IANA zone, answering "what wall clock is it at this instant" and "at which instant is this
 * wall clock" fast enough for 100,000 schedules: offsets come from luxon (Intl) and are cached per
 * hour; an hour whose two ends disagree (a transition inside it) is asked exactly.
 *
 * The DST rule, for every schedule and every zone (and the same as `/announce at:`):
 * - a wall-clock time that a spring-forward skips (02:30 on 29 March 2026 in Paris) happens at the
 *   first instant after the gap, the moment the clocks jump (03:00 local); several skipped times
 *   collapse into that one instant, so it runs once;
 * - a wall-clock time that a fall-back repeats (02:30 on 25 October 2026 in Paris, 01:30 on
 *   1 November 2026 in Toronto) happens once, at its first occurrence (summer time).
 * This is Vixie cron's rule for fixed-time jobs, applied to all schedules: an every-15-minutes
 * schedule therefore does not run again during the repeated hour.
 */
export class ZoneTime {
  private readonly zone: IANAZone;
  private readonly hours = new Map<number, number>();

  private constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
    if (!this.zone.isValid) throw new Error(`unknown time zone ${name}`);
  }

  private static readonly all = new Map<string, ZoneTime>();

  static of(name: string): ZoneTime {
    let zone = ZoneTime.all.get(name);
    if (!zone) {
      zone = new ZoneTime(name);
      ZoneTime.all.set(name, zone);
    }
    return zone;
  }

  /** UTC offset in ms at an instant. */
  offset(instant: number): number {
    const hour = Math.floor(instant / HOUR);
    const a = this.hourStart(hour);
    const b = this.hourStart(hour + 1);
    return a === b ? a : this.zone.offset(instant) * 60_000;
  }

  /** The wall clock at an instant, as naive ms (local fields written as UTC). */
  toNaive(instant: number): number {
    return instant + this.offset(instant);
  }

  /** Every instant whose wall clock reads `naive`: none (a gap), one, or two (a repeat), ascending. */
  instantsOf(naive: number): number[] {
    const out: number[] = [];
    for (const offset of new Set([this.offset(naive - SPAN), this.offset(naive + SPAN)])) {
      const candidate = naive - offset;
      if (this.toNaive(candidate) === naive && !out.includes(candidate)) out.push(candidate);
    }
    // The offsets at ±SPAN may both miss one in between only if two transitions are < 36 h apart.
    if (out.length === 0) {
      const candidate = naive - this.offset(naive - this.offset(naive));
      if (this.toNaive(candidate) === naive) out.push(candidate);
    }
    return out.sort((x, y) => x - y);
  }

  /** The instant a wall-clock time stands for, by the rule above. */
  resolve(naive: number): number {
    // Fast path, nearly always: no transition within a day either side, a single instant.
    const before = this.offset(naive - SPAN);
    if (before === this.offset(naive + SPAN)) return naive - before;
    const instants = this.instantsOf(naive);
    if (instants.length > 0) return instants[0] as number;
    return this.gapEnd(naive);
  }

  /** The first instant after the gap that swallowed `naive`: the transition itself. */
  private gapEnd(naive: number): number {
    // Before the transition the wall clock is below `naive`, after it above: bisect to the second.
    let low = naive - this.offset(naive - SPAN) - SPAN / 6;
    let high = naive - this.offset(naive + SPAN) + SPAN / 6;
    if (this.toNaive(low) >= naive || this.toNaive(high) <= naive) return naive - this.offset(naive - SPAN);
    while (high - low > 1000) {
      const mid = Math.floor((low + high) / 2000) * 1000;
      if (mid <= low || mid >= high) break;
      if (this.toNaive(mid) < naive) low = mid;
      else high = mid;
    }
    return high;
  }

  private hourStart(hour: number): number {
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      offset = this.zone.offset(hour * HOUR) * 60_000;
      if (this.hours.size > 200_000) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return offset;
  }
}

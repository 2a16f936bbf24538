import { DateTime } from 'luxon';
import { nextNaive, type CronSpec } from './cron.ts';
import { ZoneTime } from './zone.ts';

/**
 * The first occurrence of a cron schedule strictly after the instant `after`, in `zone`, by the DST
 * rule of zone.ts; undefined when the expression never matches again.
 *
 * Wall-clock times map to instants monotonically under that rule, so the search walks matching
 * wall-clock times from the wall clock at `after` and returns the first whose instant is later
 * (it skips only the times a repeated hour has already used, and skipped times that collapsed
 * into an instant already taken).
 */
export function nextCronRun(spec: CronSpec, zoneName: string, after: number): number | undefined {
  const zone = ZoneTime.of(zoneName);
  let naive = zone.toNaive(after);
  for (let guard = 0; guard < 100_000; guard++) {
    const next = nextNaive(spec, naive);
    if (next === undefined) return undefined;
    const instant = zone.resolve(next);
    if (instant > after) return instant;
    naive = next;
  }
  return undefined;
}

/** The next `count` runs after `after` (a preview). */
export function nextCronRuns(spec: CronSpec, zoneName: string, after: number, count: number): number[] {
  const runs: number[] = [];
  let from = after;
  while (runs.length < count) {
    const next = nextCronRun(spec, zoneName, from);
    if (next === undefined) break;
    runs.push(next);
    from = next;
  }
  return runs;
}

/**
 * A wall-clock date-time typed by an organiser (`2026-12-01 18:00`, `2026-12-01T18:00:30`) read in
 * the community's zone by the same DST rule, or an ISO instant with an offset or `Z`.
 */
export function parseWhen(input: string, zoneName: string): number | undefined {
  const text = input.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map<number>(Number);
    const naive = Date.UTC(y!, mo! - 1, d, h, mi, s || 0);
    const back = new Date(naive);
    // Reject 2026-02-30 or 25:00 rather than rolling over.
    if (
      back.getUTCMonth() !== mo! - 1 ||
      back.getUTCDate() !== d ||
      back.getUTCHours() !== h ||
      back.getUTCMinutes() !== mi
    )
      return undefined;
    return ZoneTime.of(zoneName).resolve(naive);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const at = DateTime.fromISO(text, { setZone: true });
    return at.isValid ? at.toMillis() : undefined;
  }
  return undefined;
}

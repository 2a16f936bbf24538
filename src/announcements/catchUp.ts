import type { ScheduleSettings } from './settings.ts';

/** Most occurrences counted one by one when fast-forwarding over a long outage. */
const MAX_FAST_FORWARD = 100_000;

export interface CatchUp {
  /** The first occurrence still to post (now, or later if it is ahead); undefined when none is left. */
  post: number | undefined;
  /** The occurrences passed over: the latest of them, and how many (a long outage counts at most 100,000). */
  missed?: { last: number; count: number };
}

/**
 * Which of a schedule's occurrences to post when the one due at `at` fires at `now`, as Kubernetes
 * CronJob decides after an outage: occurrences later than the starting deadline are missed; of
 * those still within it, `catchUp: latest` posts only the most recent (a later one already due
 * supersedes an earlier one), `all` posts each. `next(t)` is the first occurrence after `t`.
 */
export function catchUp(
  at: number,
  now: number,
  settings: Pick<ScheduleSettings, 'startingDeadline' | 'catchUp'>,
  next: (after: number) => number | undefined,
): CatchUp {
  const late = (t: number) => now - t > settings.startingDeadline;
  let t: number | undefined = at;
  let last = at;
  let count = 0;
  while (t !== undefined && late(t) && count < MAX_FAST_FORWARD) {
    last = t;
    count += 1;
    t = next(t);
  }
  if (t !== undefined && late(t)) t = next(now - settings.startingDeadline);
  if (settings.catchUp === 'latest') {
    for (let steps = 0; t !== undefined && t <= now && steps < MAX_FAST_FORWARD; steps++) {
      const following = next(t);
      if (following === undefined || following > now) break;
      last = t;
      count += 1;
      t = following;
    }
  }
  return count === 0 ? { post: t } : { post: t, missed: { last, count } };
}

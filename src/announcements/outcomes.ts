import type { OccurrenceOutcome, ScheduleState } from './model.ts';

/**
 * The outcome of the later occurrence: the "last run" of `/announce list` is the latest run, not
 * the latest write. After a catch-up, outcomes of several occurrences are written in the same
 * millisecond and in any order (posts finish in parallel; the missed ones are recorded beside),
 * so the order of writes says nothing. Two outcomes of one instant: the one recorded later.
 */
export function latestOutcome(
  a: OccurrenceOutcome | undefined,
  b: OccurrenceOutcome | undefined,
): OccurrenceOutcome | undefined {
  if (!a || !b) return a ?? b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return b.recordedAt >= a.recordedAt ? b : a;
}

/** A state with a new outcome folded in: `last` and, for a missed record, `missed` keep the latest. */
export function withOutcome(state: ScheduleState, outcome: OccurrenceOutcome | undefined): ScheduleState {
  if (!outcome) return state;
  const last = latestOutcome(state.last, outcome);
  const missed = outcome.result === 'missed' ? latestOutcome(state.missed, outcome) : state.missed;
  return { ...state, ...(last ? { last } : {}), ...(missed ? { missed } : {}) };
}

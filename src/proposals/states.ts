import type { DateTime } from 'luxon';
import type { HistoryEntry, Proposal, ProposalState } from './model.ts';

/**
 * The proposal life cycle, written in one place (pretalx's habit: one function changes a
 * submission's state and checks the move is allowed).
 *
 *   submitted ──► accepted ──► withdrawn   (a withdrawn accepted talk frees its slot)
 *       │    └──► rejected
 *       └───────► withdrawn
 */
export const NEXT_STATES: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  submitted: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['withdrawn'],
  rejected: [],
  withdrawn: [],
};

/** Named groups of states, so that rules read as words. */
export const STATE_GROUPS = {
  /** Waiting for an organiser: counts against a member's limit, may still be edited. */
  open: ['submitted'],
  /** Holds a lightning slot. */
  holdsSlot: ['accepted'],
  /** Nothing more can happen. */
  final: ['rejected', 'withdrawn'],
} as const satisfies Record<string, readonly ProposalState[]>;

export const inGroup = (state: ProposalState, group: keyof typeof STATE_GROUPS): boolean =>
  (STATE_GROUPS[group] as readonly ProposalState[]).includes(state);

export class TransitionError extends Error {
  constructor(
    readonly from: ProposalState,
    readonly to: ProposalState,
  ) {
    super(`a proposal cannot go from ${from} to ${to}`);
    this.name = 'TransitionError';
  }
}

export function canMove(from: ProposalState, to: ProposalState): boolean {
  return NEXT_STATES[from].includes(to);
}

/**
 * The one writer of `state`: returns the proposal in state `to`, with who moved it and when
 * appended to its history, or throws a TransitionError. Pure; the repository persists the result.
 */
export function transition(proposal: Proposal, to: ProposalState, by: string, at: DateTime, reason?: string): Proposal {
  if (!canMove(proposal.state, to)) throw new TransitionError(proposal.state, to);
  const entry: HistoryEntry = { action: to, by, at: at.toUTC().toISO() as string, ...(reason ? { reason } : {}) };
  return { ...proposal, state: to, updatedAt: entry.at, history: [...proposal.history, entry] };
}

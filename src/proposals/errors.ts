import type { Proposal, ProposalState } from './model.ts';

/**
 * What the repository refuses, as data: the commands turn each case into a reply in the member's
 * language. (The repository knows no locale and no platform.)
 */
export type ProposalProblem =
  | { kind: 'not-found'; id: number }
  | { kind: 'unreadable'; id: number }
  | { kind: 'index-unreadable'; key: string }
  | { kind: 'not-yours'; id: number }
  | { kind: 'bad-transition'; proposal: Proposal; to: ProposalState }
  | { kind: 'not-editable'; proposal: Proposal }
  | { kind: 'full'; id: number; eventId: string; capacity: number; accepted: Proposal[] }
  /** The talk is longer than the minutes left in the event's lightning block. */
  | { kind: 'no-time'; proposal: Proposal; block: number; accepted: Proposal[] }
  | { kind: 'too-many-open'; max: number; open: Proposal[] }
  | { kind: 'busy' };

export class ProposalError extends Error {
  constructor(readonly problem: ProposalProblem) {
    super(`proposal: ${problem.kind}`);
    this.name = 'ProposalError';
  }
}

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { PROPOSAL_STATES, type Proposal, type ProposalState } from '../../src/proposals/model.ts';
import { canMove, transition, TransitionError } from '../../src/proposals/states.ts';

const at = DateTime.fromISO('2026-12-01T10:00:00+01:00');

function proposal(state: ProposalState): Proposal {
  return {
    v: 2,
    id: 7,
    communityId: 'sre-paris',
    eventId: '2027-01-20-meetup-13',
    title: 'Chaos à la carte',
    abstract: 'Breaking things on purpose.',
    duration: 5,
    speaker: { memberId: 'alice', platform: 'console', name: 'alice' },
    state,
    submittedAt: '2026-11-30T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    history: [{ action: 'submitted', by: 'alice', at: '2026-11-30T09:00:00.000Z' }],
  };
}

describe('the proposal state machine', () => {
  const allowed: Array<[ProposalState, ProposalState]> = [
    ['submitted', 'accepted'],
    ['submitted', 'rejected'],
    ['submitted', 'withdrawn'],
    ['accepted', 'withdrawn'],
  ];

  it('allows exactly the documented moves', () => {
    const moves = PROPOSAL_STATES.flatMap((from) =>
      PROPOSAL_STATES.filter((to) => canMove(from, to)).map((to) => [from, to]),
    );
    expect(moves).toEqual(allowed);
  });

  it('records who moved it, when and why, and leaves the input untouched', () => {
    const before = proposal('submitted');
    const after = transition(before, 'rejected', 'org', at, 'Off topic');
    expect(after.state).toBe('rejected');
    expect(after.updatedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(after.history).toEqual([
      { action: 'submitted', by: 'alice', at: '2026-11-30T09:00:00.000Z' },
      { action: 'rejected', by: 'org', at: '2026-12-01T09:00:00.000Z', reason: 'Off topic' },
    ]);
    expect(before.state).toBe('submitted');
    expect(before.history).toHaveLength(1);
  });

  it.each([
    ['rejected', 'accepted'],
    ['withdrawn', 'submitted'],
    ['accepted', 'rejected'],
    ['accepted', 'accepted'],
    ['withdrawn', 'withdrawn'],
  ] as Array<[ProposalState, ProposalState]>)('refuses %s → %s', (from, to) => {
    expect(() => transition(proposal(from), to, 'org', at)).toThrow(TransitionError);
    expect(() => transition(proposal(from), to, 'org', at)).toThrow(`a proposal cannot go from ${from} to ${to}`);
  });
});

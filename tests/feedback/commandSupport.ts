import type { Outcome } from '../../src/core/command.ts';
import type { Form } from '../../src/core/form.ts';
import type { Member } from '../../src/core/invocation.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Harness } from '../support/harness.ts';

/* What the /feedback command tests share: the meetup just ended, who asks, and outcomes read as one kind. */

/** The day after meetup #12 (2026-06-17, ends 21:30 Paris). */
export const AFTER_12 = '2026-06-18T10:00:00+02:00';
export const ORGANISER: Partial<Member> = { id: 'orga', roles: ['Organisateurs'] };
/** A member of the sample community, by id. */
export const as = (id: string, more: Partial<Member> = {}): Partial<Member> => ({ id, displayName: id, ...more });

export function form(outcome: Outcome): Form {
  if (outcome.kind !== 'form') throw new Error(`expected a form, got a reply: ${JSON.stringify(outcome.blocks)}`);
  return outcome;
}

export function replyOf(outcome: Outcome): Reply {
  if (outcome.kind !== 'reply')
    throw new Error(`expected a reply, got form ${outcome.id}: ${JSON.stringify(outcome.errors)}`);
  return outcome;
}

/** Each member gives the answer of its line; every one must be saved. */
export async function answers(h: Harness, lines: Array<[string, string]>) {
  for (const [member, line] of lines) replyOf(await h.run(line, as(member)));
}

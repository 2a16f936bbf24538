import type { Text } from '../src/core/text.ts';
import { ProposalError } from '../src/proposals/errors.ts';
import { describeProblem } from '../src/proposals/present.ts';
import type { Ctx } from './types.ts';

/** What names a meetup and a community in a refusal: the member's language, the community, its agenda. */
export const problemContext = (ctx: Ctx) => ({
  locale: ctx.locale,
  communityName: ctx.community.name,
  book: ctx.services.agenda(ctx.community.id),
});

/** `/propose` and `/proposals` word the repository's refusals (ProposalError) one way; the core's guard asks. */
export function explainProposalError(ctx: Ctx, error: unknown): Text | undefined {
  return error instanceof ProposalError ? describeProblem(error.problem, problemContext(ctx)) : undefined;
}

import type { Outcome } from '../src/core/command.ts';
import { eventLabel } from '../src/agenda/eventLabel.ts';
import type { Locale } from '../src/core/i18n.ts';
import { say, type Block, type Button, type Reply } from '../src/core/reply.ts';
import { literal } from '../src/core/text.ts';
import { proposalMessages as m } from '../src/proposals/messages.ts';
import type { Proposal } from '../src/proposals/model.ts';
import { listReply, num, pageOf } from '../src/proposals/present.ts';
import { decide, REASON_MAX, REJECT_FORM_ID, rejectForm } from './proposalDecisions.ts';
import { PROPOSAL_ID } from './proposalId.ts';
import { explainProposalError } from './proposalRefusals.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

const SUBCOMMANDS = ['list', 'accept', 'reject'] as const;

/**
 * `/proposals [event]` lists a meetup's lightning-talk proposals, each waiting one with Accept and
 * Decline buttons; `/proposals accept ID` and `/proposals reject ID reason:"…"` decide, and the
 * speaker is told by direct message after the answer.
 */
export const proposals: Command = {
  name: 'proposals',
  names: { fr: 'propositions' },
  description: m.both('proposalsDescription'),
  examples: examples.proposals,
  organiserOnly: true,
  defaultSubcommand: 'list',
  subcommands: [
    {
      name: 'list',
      names: { fr: 'liste' },
      description: m.both('subList'),
      options: [
        {
          name: 'event',
          names: { fr: 'événement' },
          type: 'string',
          positional: true,
          maxLength: 100,
          description: m.both('optListEvent'),
        },
        { name: 'page', names: { fr: 'page' }, type: 'integer', minValue: 1, description: m.both('optPage') },
      ],
      responds: 'ephemeral',
      run: (ctx, options) =>
        listOrRefuse(
          ctx,
          typeof options.event === 'string' ? options.event : undefined,
          typeof options.page === 'number' ? options.page : 1,
        ),
    },
    {
      name: 'accept',
      names: { fr: 'accepter' },
      description: m.both('subAccept'),
      options: [PROPOSAL_ID],
      responds: 'ephemeral',
      run: (ctx, options) => decide(ctx, options.id as number, 'accepted', undefined),
    },
    {
      name: 'reject',
      names: { fr: 'refuser' },
      description: m.both('subReject'),
      options: [
        PROPOSAL_ID,
        {
          name: 'reason',
          names: { fr: 'motif' },
          type: 'string',
          maxLength: REASON_MAX,
          description: m.both('optReason'),
        },
      ],
      responds: 'ephemeral',
      run: (ctx, options) => decide(ctx, options.id as number, 'rejected', trimmed(options.reason)),
    },
  ],
  // Accept answers in place of the list it was pressed on; Decline first asks for a note.
  actResponds: (action) => (action === 'reject' ? 'form' : 'replace'),
  async act(ctx, { action, value }) {
    const id = Number(value);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`/proposals: bad button value ${value}`);
    if (action === 'reject') return rejectForm(ctx.locale, id);
    if (action !== 'accept') throw new Error(`/proposals has no button ${action}`);
    return decidedWithList(ctx, id, 'accepted', undefined);
  },
  explain: explainProposalError,
  async submit(ctx, submission) {
    if (submission.formId !== REJECT_FORM_ID) throw new Error(`/proposals has no form ${submission.formId}`);
    const id = Number(submission.state.id);
    return decidedWithList(ctx, id, 'rejected', trimmed(submission.values.reason));
  },
};

const repository = (ctx: Ctx) => ctx.services.proposals;
const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A decision taken from a button: said, then the list it was on, refreshed, in its place. */
async function decidedWithList(
  ctx: Ctx,
  id: number,
  to: 'accepted' | 'rejected',
  reason: string | undefined,
): Promise<Reply> {
  const decided = await decide(ctx, id, to, reason);
  const proposal = await repository(ctx).get(ctx.community.id, id);
  const refreshed = proposal ? await list(ctx, proposal.eventId, 1) : undefined;
  const blocks =
    refreshed?.kind === 'reply'
      ? [...decided.blocks, { type: 'divider' as const }, ...refreshed.blocks]
      : decided.blocks;
  return { ...decided, blocks, replaces: true };
}

/**
 * A word in the meetup's place that names no meetup and cannot be one (a number, a date and an id
 * all hold digits): a mistyped action, as in `/proposals frobnicate 1`, not an unknown meetup.
 */
function listOrRefuse(ctx: Ctx, ref: string | undefined, page: number): Promise<Outcome> | Outcome {
  if (ref !== undefined && !/\d/.test(ref) && !ctx.services.agenda(ctx.community.id).find(ref)) {
    return say(m.t(ctx.locale, 'notAnAction', { word: ref, actions: [literal(SUBCOMMANDS.join(', '))] }));
  }
  return list(ctx, ref, page);
}

async function list(ctx: Ctx, ref: string | undefined, page: number): Promise<Outcome> {
  const book = ctx.services.agenda(ctx.community.id);
  const now = ctx.clock.now();
  const event = ref !== undefined ? book.find(ref) : book.next(now);
  if (!event) {
    if (ref === undefined) return say(m.t(ctx.locale, 'noEventToList'));
    const known = book
      .all()
      .slice(-5)
      .map((event) => eventLabel(event))
      .join(', ');
    return say(
      m.t(ctx.locale, 'unknownEventKnown', { ref, known: known ? [literal(known)] : m.t(ctx.locale, 'none') }),
    );
  }
  const repo = repository(ctx);
  // Counts and order come from the event's index; only the page shown is read record by record.
  const [entries, accepted] = await Promise.all([
    repo.eventEntries(ctx.community.id, event.id),
    repo.accepted(ctx.community.id, event.id),
  ]);
  const shownPage = pageOf(
    entries,
    accepted.proposals.map((p) => p.id),
    page,
  );
  const { proposals: shown, unreadable } = await repo.read(ctx.community.id, shownPage.ids);
  const answer = listReply({
    event,
    entries,
    page: shownPage,
    shown,
    unreadable,
    accepted: accepted.proposals,
    settings: ctx.community.proposals,
    now,
    locale: ctx.locale,
  });
  return withDecisionButtons(answer, shown, ctx.locale);
}

/** Accept and Decline for each waiting proposal of the page, before the closing hint. */
function withDecisionButtons(answer: Reply, shown: readonly Proposal[], locale: Locale): Reply {
  const buttons: Button[] = shown
    .filter((p) => p.state === 'submitted')
    .flatMap((p) => [
      {
        action: 'accept',
        value: String(p.id),
        label: m.t(locale, 'buttonAccept', { id: num(p.id) }),
        style: 'primary' as const,
      },
      {
        action: 'reject',
        value: String(p.id),
        label: m.t(locale, 'buttonReject', { id: num(p.id) }),
        style: 'danger' as const,
      },
    ]);
  if (buttons.length === 0) return answer;
  const blocks: Block[] = [...answer.blocks];
  blocks.splice(blocks.length - 1, 0, { type: 'actions', buttons });
  return { ...answer, blocks };
}

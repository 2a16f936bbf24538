import type { MeetupEvent } from '../src/agenda/event.ts';
import { eventLabel } from '../src/agenda/eventLabel.ts';
import { channelsOn } from '../src/config/community.ts';
import type { OptionSpec, Outcome, Options } from '../src/core/command.ts';
import { FORM_LIMITS, type Form } from '../src/core/form.ts';
import {
  excerpt,
  reply,
  REPLY_LIMITS,
  replyLength,
  say,
  writtenIn,
  type Block,
  type Effect,
} from '../src/core/reply.ts';
import { plain, type Text } from '../src/core/text.ts';
import { ProposalError } from '../src/proposals/errors.ts';
import {
  checkValues,
  FIELD_IDS,
  hasAllRequired,
  PROPOSAL_FORM_ID,
  proposalForm,
  sameAs,
  valuesFromOptions,
  valuesOf,
  type FormValues,
} from '../src/proposals/form.ts';
import { proposalMessages as m } from '../src/proposals/messages.ts';
import { PROPOSAL_ID } from './proposalId.ts';
import type { Proposal, ProposalFields } from '../src/proposals/model.ts';
import { describeProblem, eventNameOf, mineReply, num, speakerName, titleText } from '../src/proposals/present.ts';
import { inGroup } from '../src/proposals/states.ts';
import { eventName, proposalTarget, typedBack } from '../src/proposals/target.ts';
import { explainProposalError, problemContext } from './proposalRefusals.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

/** The form's fields as options, so `/propose title:"…"` fills the form or saves at once. */
const FIELD_OPTIONS: readonly OptionSpec[] = [
  // Lengths and the duration are checked by the command, not the option parser, so that a value
  // that is too long comes back in the form with the reason and the field's own limit (one the
  // form can hold), or is refused with that limit and only its start quoted (see tooLong).
  { name: 'title', names: { fr: 'titre' }, type: 'string', description: m.both('optTitle') },
  { name: 'abstract', names: { fr: 'résumé' }, type: 'string', description: m.both('optAbstract') },
  { name: 'duration', names: { fr: 'durée' }, type: 'integer', description: m.both('optDuration') },
  { name: 'bio', names: { fr: 'bio' }, type: 'string', description: m.both('optBio') },
  { name: 'handle', names: { fr: 'pseudo' }, type: 'string', description: m.both('optHandle') },
];

/**
 * `/propose`: a member proposes a lightning talk (`new`, the default: a Form, or directly when
 * every required field is given as an option), lists theirs (`mine`), edits or withdraws one by
 * its number. Option names are the form's field ids, on every platform.
 */
export const propose: Command = {
  name: 'propose',
  names: { fr: 'proposer' },
  description: m.both('proposeDescription'),
  examples: examples.propose,
  defaultSubcommand: 'new',
  subcommands: [
    {
      name: 'new',
      names: { fr: 'nouvelle' },
      description: m.both('subNew'),
      options: [
        {
          name: 'event',
          names: { fr: 'événement' },
          type: 'string',
          positional: true,
          maxLength: 100,
          description: m.both('optEvent'),
        },
        ...FIELD_OPTIONS,
      ],
      // The form comes first, before any store read: the per-member limit is checked when it is
      // saved, under the member's lock (ProposalRepository.create).
      responds: (options) => (hasAllRequired(valuesFromOptions(options)) ? 'ephemeral' : 'form'),
      run: (ctx, options) => startProposal(ctx, options),
    },
    {
      name: 'mine',
      names: { fr: 'miennes' },
      description: m.both('subMine'),
      options: [],
      responds: 'ephemeral',
      run: (ctx) => mine(ctx),
    },
    {
      name: 'edit',
      names: { fr: 'modifier' },
      description: m.both('subEdit'),
      options: [PROPOSAL_ID, ...FIELD_OPTIONS],
      // The edit form shows the current values, so one record is read before it: a single keyv
      // get, well within a platform's first-response deadline, and it spares the member a button
      // press between the command and its form.
      responds: (options) => (Object.keys(valuesFromOptions(options)).length > 0 ? 'ephemeral' : 'form'),
      run: (ctx, options) => startEdit(ctx, options.id as number, options),
    },
    {
      name: 'withdraw',
      names: { fr: 'retirer' },
      description: m.both('subWithdraw'),
      options: [PROPOSAL_ID],
      responds: 'ephemeral',
      run: (ctx, options) => withdraw(ctx, options.id as number),
    },
  ],
  async submit(ctx, submission) {
    if (submission.formId !== PROPOSAL_FORM_ID) throw new Error(`/propose has no form ${submission.formId}`);
    const values: FormValues = {};
    for (const field of FIELD_IDS) if (submission.values[field] !== undefined) values[field] = submission.values[field];
    const editing = Number(submission.state.id);
    if (Number.isInteger(editing) && editing > 0) return saveEdit(ctx, await ownOpenProposal(ctx, editing), values);
    const eventId = submission.state.event ?? '';
    // Checked again: the call may have closed, or the event file changed, while the form was open.
    const target = proposalTarget(book(ctx), eventId, settings(ctx), ctx.clock.now(), ctx.locale);
    if (!target.ok) return refusal(ctx, target.text, values, eventId);
    return saveNew(ctx, target.event, values);
  },
  explain: explainProposalError,
};

const repository = (ctx: Ctx) => ctx.services.proposals;
const settings = (ctx: Ctx) => ctx.community.proposals;
const book = (ctx: Ctx) => ctx.services.agenda(ctx.community.id);
const member = (ctx: Ctx) => ctx.origin.member;

async function startProposal(ctx: Ctx, options: Options): Promise<Outcome> {
  const values = valuesFromOptions(options);
  const ref = typeof options.event === 'string' ? options.event : undefined;
  // `/propose 13` alone: a meetup number if there is such a meetup, else surely a proposal number.
  if (ref !== undefined && Object.keys(values).length === 0 && /^\d+$/.test(ref) && !book(ctx).find(ref))
    return say(m.t(ctx.locale, 'idWithoutAction', { id: num(Number(ref)) }));
  const target = proposalTarget(book(ctx), ref, settings(ctx), ctx.clock.now(), ctx.locale);
  if (!target.ok) return refusal(ctx, target.text, values, ref);
  if (hasAllRequired(values)) return saveNew(ctx, target.event, values);
  const form = newForm(ctx, target.event, values);
  const refused = tooLong(ctx, form, values);
  if (refused) return refused;
  const partial = checkValues(form, values, ctx.locale, true);
  return partial.ok ? form : { ...form, errors: partial.errors };
}

async function saveNew(ctx: Ctx, event: MeetupEvent, values: FormValues): Promise<Outcome> {
  const form = newForm(ctx, event, values);
  const checked = checkValues(form, values, ctx.locale);
  if (!checked.ok) return tooLong(ctx, form, values) ?? { ...form, errors: checked.errors };
  let proposal: Proposal;
  try {
    proposal = await repository(ctx).create({
      communityId: ctx.community.id,
      eventId: event.id,
      fields: checked.fields,
      speaker: {
        memberId: member(ctx).id,
        platform: ctx.origin.platform,
        name: member(ctx).displayName,
        ...(member(ctx).locale ? { locale: member(ctx).locale } : {}),
      },
      at: ctx.clock.now(),
      maxOpen: settings(ctx).maxOpenPerMember,
    });
  } catch (error) {
    // Said by the core's guard too, but here with what was typed given back, so nothing is lost.
    if (error instanceof ProposalError)
      return refusal(ctx, describeProblem(error.problem, problemContext(ctx)), values, eventLabel(event));
    throw error;
  }
  return say(
    m.t(ctx.locale, 'submitted', {
      id: num(proposal.id),
      title: titleText(proposal),
      minutes: proposal.duration,
      event: eventName(event),
    }),
  );
}

async function startEdit(ctx: Ctx, id: number, options: Options): Promise<Outcome> {
  const proposal = await ownOpenProposal(ctx, id);
  const given = valuesFromOptions(options);
  const values = { ...valuesOf(proposal), ...given };
  if (Object.keys(given).length > 0) return saveEdit(ctx, proposal, values);
  return editForm(ctx, proposal, values);
}

async function saveEdit(ctx: Ctx, proposal: Proposal, values: FormValues): Promise<Outcome> {
  const form = editForm(ctx, proposal, values);
  const checked = checkValues(form, values, ctx.locale);
  if (!checked.ok) return tooLong(ctx, form, values) ?? { ...form, errors: checked.errors };
  // Kept as it was: said so, and no "edited" entry in its history.
  if (sameAs(proposal, checked.fields))
    return say(
      m.t(ctx.locale, 'unchanged', { id: num(proposal.id), title: titleText(proposal), minutes: proposal.duration }),
    );
  const saved = await repository(ctx).edit(
    ctx.community.id,
    proposal.id,
    member(ctx).id,
    ctx.clock.now(),
    checked.fields satisfies ProposalFields,
  );
  return say(m.t(ctx.locale, 'edited', { id: num(saved.id), title: titleText(saved), minutes: saved.duration }));
}

async function ownOpenProposal(ctx: Ctx, id: number): Promise<Proposal> {
  const proposal = await repository(ctx).get(ctx.community.id, id);
  if (!proposal) throw new ProposalError({ kind: 'not-found', id });
  if (proposal.speaker.memberId !== member(ctx).id) throw new ProposalError({ kind: 'not-yours', id });
  if (!inGroup(proposal.state, 'open')) throw new ProposalError({ kind: 'not-editable', proposal });
  return proposal;
}

async function withdraw(ctx: Ctx, id: number): Promise<Outcome> {
  const { before, after } = await repository(ctx).change(
    ctx.community.id,
    id,
    'withdrawn',
    member(ctx).id,
    ctx.clock.now(),
    { asSpeaker: member(ctx).id },
  );
  const event = eventNameOf(book(ctx), after.eventId);
  const params = { id: num(after.id), title: titleText(after), event };
  const freed = inGroup(before.state, 'holdsSlot');
  const notice = freed ? organisersNotice(ctx, after, event) : undefined;
  const answer = say(m.t(ctx.locale, freed ? 'withdrawnFreed' : 'withdrawn', params));
  if (!notice) return answer;
  // Posted after the answer: a slow channel must not hold the member's reply.
  return {
    ...answer,
    blocks: [...answer.blocks, { type: 'text', text: m.t(ctx.locale, 'organisersWillBeTold') }],
    effects: [notice],
  };
}

/** A slot became free: the organisers' channel hears it, when the community has one there. */
function organisersNotice(ctx: Ctx, proposal: Proposal, event: Text): Effect | undefined {
  const channel = channelsOn(ctx.community, ctx.origin.platform).organisers;
  if (!channel) return undefined;
  const text = m.t(ctx.community.locale, 'slotFreed', {
    id: num(proposal.id),
    title: titleText(proposal),
    speaker: speakerName(proposal),
    event,
  });
  return {
    kind: 'post',
    target: { communityId: ctx.community.id, platform: ctx.origin.platform, channel },
    reply: writtenIn(say(text, 'channel'), ctx.community.locale),
  };
}

async function mine(ctx: Ctx): Promise<Outcome> {
  const { proposals, unreadable } = await repository(ctx).forMember(ctx.community.id, member(ctx).id);
  return mineReply(proposals, unreadable, book(ctx), ctx.locale);
}

function newForm(ctx: Ctx, event: MeetupEvent, values: FormValues) {
  const heading = m.s(ctx.locale, 'formTitle', { event: eventLabel(event) });
  return proposalForm(ctx.locale, settings(ctx), { heading, values, state: { event: event.id } });
}

function editForm(ctx: Ctx, proposal: Proposal, values: FormValues) {
  const heading = m.s(ctx.locale, 'formEditTitle', { id: String(proposal.id) });
  return proposalForm(ctx.locale, settings(ctx), { heading, values, state: { id: String(proposal.id) }, review: true });
}

/**
 * A refusal that gives back what the person wrote, so that nothing is lost; when all of it would
 * not fit in one message, each value is quoted by its start only.
 */
function refusal(ctx: Ctx, text: Text, values: FormValues, eventArg?: string): Outcome {
  const withTyped = (cut: boolean) => {
    const typed = typedBack(values, eventArg, cut);
    return reply([
      { type: 'text', text },
      ...(typed ? [{ type: 'text' as const, text: m.t(ctx.locale, 'typedBack', { typed }) }] : []),
    ]);
  };
  const whole = withTyped(false);
  return replyLength(whole) <= REPLY_LIMITS.messageText ? whole : withTyped(true);
}

/**
 * Values longer than any form can carry back (a pasted page): refused with each field's own
 * limit, quoting only the start of what was typed, instead of a form no platform could show.
 */
function tooLong(ctx: Ctx, form: Form, values: FormValues): Outcome | undefined {
  const over = form.fields.filter((field) => [...(values[field.id] ?? '')].length > FORM_LIMITS.textMax);
  if (over.length === 0) return undefined;
  const errors = checkValues(form, values, ctx.locale);
  const blocks: Block[] = over.flatMap((field) =>
    errors.ok ? [] : [{ type: 'text' as const, text: errors.errors[field.id] ?? [] }],
  );
  const start = over[0]!;
  blocks.push({
    type: 'text',
    text: m.t(ctx.locale, 'typedStart', { excerpt: [plain(excerpt(`${start.id}:${values[start.id]}`))] }),
  });
  return reply(blocks);
}

import type { Outcome } from '../src/core/command.ts';
import type { Locale } from '../src/core/i18n.ts';
import { reply, say, writtenIn, type Block } from '../src/core/reply.ts';
import { literal, time, type Text } from '../src/core/text.ts';
import { ProposalError } from '../src/proposals/errors.ts';
import { proposalMessages as m } from '../src/proposals/messages.ts';
import type { Proposal } from '../src/proposals/model.ts';
import { describeProblem, eventNameOf, listReply, minutesOf, num, pageOf, speakerName, titleText } from '../src/proposals/present.ts';
import { ProposalRepository } from '../src/proposals/repository.ts';
import { eventRef } from '../src/proposals/target.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

const ACTIONS = ['list', 'accept', 'reject'] as const;

/**
 * `/proposals [event]` lists a meetup's lightning-talk proposals; `/proposals accept ID` and
 * `/proposals reject ID reason:"…"` decide, and the speaker is told by direct message.
 * Typed without a name, a number after accept/reject is the proposal; on its own, the meetup.
 */
export const proposals: Command = {
  name: 'proposals',
  description: m.both('proposalsDescription'),
  examples: examples.proposals,
  organiserOnly: true,
  options: [
    { name: 'action', type: 'string', positional: true, choices: ACTIONS, description: m.both('optListAction') },
    { name: 'id', type: 'integer', positional: true, minValue: 1, description: m.both('optId') },
    { name: 'event', type: 'string', positional: true, maxLength: 100, description: m.both('optListEvent') },
    { name: 'reason', type: 'string', maxLength: 1000, description: m.both('optReason') },
    { name: 'page', type: 'integer', minValue: 1, description: m.both('optPage') },
  ],
  responds: 'ephemeral',
  async run(ctx, options) {
    const id = typeof options.id === 'number' ? options.id : undefined;
    const reason = typeof options.reason === 'string' && options.reason.trim() !== '' ? options.reason.trim() : undefined;
    try {
      if (options.action === 'accept' || options.action === 'reject') {
        if (id === undefined) return say(m.t(ctx.locale, 'needIdList', { action: [literal(options.action)] }));
        return await decide(ctx, id, options.action === 'accept' ? 'accepted' : 'rejected', reason);
      }
      const ref = typeof options.event === 'string' ? options.event : id !== undefined ? String(id) : undefined;
      if (ref !== undefined && notAnEventRef(ctx, ref)) return say(m.t(ctx.locale, 'notAnAction', { word: ref, actions: [literal(ACTIONS.join(', '))] }));
      return await list(ctx, ref, typeof options.page === 'number' ? options.page : 1);
    } catch (error) {
      if (error instanceof ProposalError) {
        return say(describeProblem(error.problem, { locale: ctx.locale, communityName: ctx.community.name, book: ctx.services.agenda(ctx.community.id) }));
      }
      throw error;
    }
  },
};

const repository = (ctx: Ctx) => new ProposalRepository(ctx.services.store, ctx.services.logger);

/**
 * A word in the meetup's place that names no meetup and cannot be one (a number, a date and an id
 * all hold digits): a mistyped action, as in `/proposals frobnicate 1`, not an unknown meetup.
 */
function notAnEventRef(ctx: Ctx, ref: string): boolean {
  return !/\d/.test(ref) && !ctx.services.agenda(ctx.community.id).find(ref);
}

async function list(ctx: Ctx, ref: string | undefined, page: number): Promise<Outcome> {
  const book = ctx.services.agenda(ctx.community.id);
  const now = ctx.clock.now();
  const event = ref !== undefined ? book.find(ref) : book.next(now);
  if (!event) {
    if (ref === undefined) return say(m.t(ctx.locale, 'noEventToList'));
    const known = book.all().slice(-5).map(eventRef).join(', ');
    return say(m.t(ctx.locale, 'unknownEventKnown', { ref, known: known ? [literal(known)] : m.t(ctx.locale, 'none') }));
  }
  const repo = repository(ctx);
  // Counts and order come from the event's index; only the page shown is read record by record.
  const [entries, accepted] = await Promise.all([repo.eventEntries(ctx.community.id, event.id), repo.accepted(ctx.community.id, event.id)]);
  const shownPage = pageOf(entries, accepted.proposals.map((p) => p.id), page);
  const { proposals: shown, unreadable } = await repo.read(ctx.community.id, shownPage.ids);
  return listReply({ event, entries, page: shownPage, shown, unreadable, accepted: accepted.proposals, settings: ctx.community.proposals, now, locale: ctx.locale });
}

async function decide(ctx: Ctx, id: number, to: 'accepted' | 'rejected', reason: string | undefined): Promise<Outcome> {
  const repo = repository(ctx);
  const { capacity, minutes: block } = ctx.community.proposals;
  // Awaited before anything is said: the decision is stored once the organiser reads "Accepted".
  const limits = { capacity, ...(block !== undefined ? { minutes: block } : {}), ...(reason ? { reason } : {}) };
  const { after } = await repo.change(ctx.community.id, id, to, ctx.origin.member.id, ctx.clock.now(), limits);
  const event = eventNameOf(ctx.services.agenda(ctx.community.id), after.eventId);
  const params = { id: num(after.id), title: titleText(after), speaker: speakerName(after), event, capacity };
  const blocks: Block[] = [];
  if (to === 'accepted') {
    const accepted = (await repo.accepted(ctx.community.id, after.eventId)).proposals;
    const taken = { ...params, taken: accepted.length };
    const text = block === undefined ? m.t(ctx.locale, 'accepted', taken) : m.t(ctx.locale, 'acceptedMinutes', { ...taken, used: minutesOf(accepted), block });
    blocks.push({ type: 'text', text });
  } else blocks.push({ type: 'text', text: m.t(ctx.locale, 'rejected', params) });
  const told = await tellSpeaker(ctx, after, reason);
  blocks.push({ type: 'text', text: m.t(ctx.locale, told ? 'speakerTold' : 'speakerNotTold') });
  return reply(blocks);
}

/** The decision, by direct message, in the speaker's language; false when it could not be sent. */
async function tellSpeaker(ctx: Ctx, proposal: Proposal, reason: string | undefined): Promise<boolean> {
  const locale: Locale = proposal.speaker.locale ?? ctx.community.locale;
  const event = ctx.services.agenda(ctx.community.id).find(proposal.eventId);
  const eventText: Text = eventNameOf(ctx.services.agenda(ctx.community.id), proposal.eventId);
  const params = { title: titleText(proposal), minutes: proposal.duration, event: eventText, date: event ? [time(event.start, 'datetime')] : [literal('—')] };
  const blocks: Block[] = [{ type: 'text', text: m.t(locale, proposal.state === 'accepted' ? 'dmAccepted' : 'dmRejected', params) }];
  if (reason) blocks.push({ type: 'text', text: m.t(locale, 'dmReason', { reason }) });
  try {
    await ctx.services.poster.dm({ communityId: ctx.community.id, platform: proposal.speaker.platform, memberId: proposal.speaker.memberId }, writtenIn(reply(blocks), locale));
    return true;
  } catch (error) {
    ctx.services.logger.warn({ err: error, community: ctx.community.id, proposal: proposal.id }, 'could not tell the speaker of the decision');
    return false;
  }
}

import { channelsOn } from '../src/config/community.ts';
import type { Form } from '../src/core/form.ts';
import type { Locale } from '../src/core/i18n.ts';
import { reply, writtenIn, type Block, type Effect, type Reply } from '../src/core/reply.ts';
import { literal, time, type Text } from '../src/core/text.ts';
import { proposalMessages as m } from '../src/proposals/messages.ts';
import type { Proposal } from '../src/proposals/model.ts';
import { eventNameOf, minutesOf, num, speakerName, stateName, titleText } from '../src/proposals/present.ts';
import type { Ctx } from './types.ts';
import { programmeLightningMinutes } from '../src/proposals/block.ts';

/** The form a Decline button opens: an optional note for the speaker. */
export const REJECT_FORM_ID = 'proposals:reject';
export const REASON_MAX = 1000;

export function rejectForm(locale: Locale, id: number): Form {
  return {
    kind: 'form',
    id: REJECT_FORM_ID,
    title: m.s(locale, 'rejectFormTitle', { id }),
    fields: [
      {
        id: 'reason',
        kind: 'long',
        label: m.s(locale, 'rejectReasonLabel'),
        required: false,
        maxLength: REASON_MAX,
        placeholder: m.s(locale, 'rejectReasonPlaceholder'),
      },
    ],
    values: {},
    errors: {},
    state: { id: String(id) },
  };
}

/**
 * Accepts or declines a proposal. The decision is stored before anything is said; the speaker's
 * direct message is an effect, sent after the reply (it may be slow), and the reply says what
 * happens if it cannot be delivered.
 */
export async function decide(
  ctx: Ctx,
  id: number,
  to: 'accepted' | 'rejected',
  reason: string | undefined,
): Promise<Reply> {
  const repo = ctx.services.proposals;
  const { capacity, minutes: block } = ctx.community.proposals;
  const limits = { capacity, ...(block !== undefined ? { minutes: block } : {}), ...(reason ? { reason } : {}) };
  const { after } = await repo.change(ctx.community.id, id, to, ctx.origin.member.id, ctx.clock.now(), limits);
  const event = eventNameOf(ctx.services.agenda(ctx.community.id), after.eventId);
  const params = { id: num(after.id), title: titleText(after), speaker: speakerName(after), event, capacity };
  const blocks: Block[] = [];
  if (to === 'accepted') {
    const accepted = (await repo.accepted(ctx.community.id, after.eventId)).proposals;
    const taken = { ...params, taken: accepted.length };
    const text =
      block === undefined
        ? m.t(ctx.locale, 'accepted', taken)
        : m.t(ctx.locale, 'acceptedMinutes', { ...taken, used: minutesOf(accepted), block });
    blocks.push({ type: 'text', text });
    // Without a limit in minutes, organisers still hear when talks outgrow the programme's own slot.
    const slot =
      block === undefined
        ? programmeLightningMinutes(ctx.services.agenda(ctx.community.id).find(after.eventId))
        : undefined;
    const used = minutesOf(accepted);
    if (slot !== undefined && used > slot)
      blocks.push({ type: 'text', text: m.t(ctx.locale, 'overflowsSlot', { used, slot }) });
  } else blocks.push({ type: 'text', text: m.t(ctx.locale, 'rejected', params) });
  const effect = tellSpeaker(ctx, after, reason);
  blocks.push({
    type: 'text',
    text: m.t(ctx.locale, effect.onFailure ? 'speakerWillBeTold' : 'speakerWillBeToldNoChannel'),
  });
  return { ...reply(blocks), effects: [effect] };
}

/** The decision, by direct message in the speaker's language; if that fails, the organisers' channel hears it. */
function tellSpeaker(ctx: Ctx, proposal: Proposal, reason: string | undefined): Effect {
  const locale: Locale = proposal.speaker.locale ?? ctx.community.locale;
  const book = ctx.services.agenda(ctx.community.id);
  const found = book.find(proposal.eventId);
  const event: Text = eventNameOf(book, proposal.eventId);
  const params = {
    title: titleText(proposal),
    minutes: proposal.duration,
    event,
    date: found ? [time(found.start, 'datetime')] : [literal('—')],
  };
  const blocks: Block[] = [
    { type: 'text', text: m.t(locale, proposal.state === 'accepted' ? 'dmAccepted' : 'dmRejected', params) },
  ];
  if (reason) blocks.push({ type: 'text', text: m.t(locale, 'dmReason', { reason }) });
  const target = {
    communityId: ctx.community.id,
    platform: proposal.speaker.platform,
    memberId: proposal.speaker.memberId,
  };
  const channel = channelsOn(ctx.community, ctx.origin.platform).organisers;
  const dm: Effect = { kind: 'dm', target, reply: writtenIn(reply(blocks), locale) };
  if (!channel) return dm;
  const failed = {
    id: num(proposal.id),
    title: titleText(proposal),
    speaker: speakerName(proposal),
    state: stateName(proposal.state, ctx.community.locale),
  };
  const notice = writtenIn(
    reply([{ type: 'text', text: m.t(ctx.community.locale, 'dmFailed', failed) }], 'channel'),
    ctx.community.locale,
  );
  return {
    ...dm,
    onFailure: {
      kind: 'post',
      target: { communityId: ctx.community.id, platform: ctx.origin.platform, channel },
      reply: notice,
    },
  };
}

import { createHash } from 'node:crypto';
import type { MeetupEvent, Slot } from '../src/agenda/event.ts';
import { agendaMessages as m } from '../src/agenda/messages.ts';
import { slotLine } from '../src/agenda/present.ts';
import type { Locale } from '../src/core/i18n.ts';
import { reply, say, type Block, type Button, type Reply } from '../src/core/reply.ts';
import { plain, truncate } from '../src/core/text.ts';
import type { Ctx } from './types.ts';

/** Discord's button labels hold 80 characters: the title is cut to leave room for "Abstract: ". */
const TITLE_IN_LABEL = 60;
const EVENT_ID_IN_ROUTE = 70;
/** Five rows of five on Discord; a meetup has far fewer talks. */
const MAX_BUTTONS = 20;

/**
 * A button per talk with an abstract, after the programme: pressing it shows the whole abstract
 * and the speakers' bios to the reader alone. The value names the slot: `event:index` for the
 * event file's slots, `event:Lindex` for accepted lightning talks.
 */
export function withAbstractButtons(
  programme: Reply,
  event: MeetupEvent,
  lightning: readonly Slot[],
  locale: Locale,
): Reply {
  const button = (slot: Slot, ref: string): Button => ({
    action: 'abstract',
    value: `${eventKey(event)}:${ref}`,
    label: m.t(locale, 'abstractButton', { title: truncate(slot.title, TITLE_IN_LABEL) }),
  });
  const buttons = [
    ...event.slots.flatMap((slot, index) => (slot.abstract ? [button(slot, String(index))] : [])),
    ...lightning.flatMap((slot, index) => (slot.abstract ? [button(slot, `L${index}`)] : [])),
  ].slice(0, MAX_BUTTONS);
  return buttons.length === 0
    ? programme
    : { ...programme, blocks: [...programme.blocks, { type: 'actions', buttons }] };
}

/**
 * The event in a button's route, which holds 100 characters (`b:agenda:abstract:` and the slot
 * take 25): its id, or a short hash of an id too long for it.
 */
function eventKey(event: MeetupEvent): string {
  return event.id.length <= EVENT_ID_IN_ROUTE
    ? event.id
    : `#${createHash('sha256').update(event.id).digest('base64url').slice(0, 16)}`;
}

/** The answer to an Abstract button: the slot's line, its whole abstract, its speakers' bios. */
export async function abstractReply(ctx: Ctx, value: string): Promise<Reply> {
  const [, key = '', lightningMark = '', index = ''] = /^(.*):(L?)(\d+)$/.exec(value) ?? [];
  const book = ctx.services.agenda(ctx.community.id);
  const event = book.all().find((candidate) => eventKey(candidate) === key);
  const slots = !event
    ? []
    : lightningMark
      ? await ctx.services.lightning.accepted(ctx.community.id, event.id)
      : event.slots;
  const slot = slots[Number(index)];
  if (!slot?.abstract) return say(m.t(ctx.locale, 'abstractGone'));
  const blocks: Block[] = [
    { type: 'text', text: slotLine(slot, ctx.locale) },
    { type: 'text', text: [plain(slot.abstract)] },
    ...slot.speakers.flatMap((speaker) =>
      speaker.bio
        ? [{ type: 'text' as const, text: m.t(ctx.locale, 'speakerBio', { name: speaker.name, bio: speaker.bio }) }]
        : [],
    ),
  ];
  return reply(blocks, 'ephemeral');
}

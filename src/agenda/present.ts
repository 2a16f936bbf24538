import type { DateTime } from 'luxon';
import type { Locale } from '../core/i18n.ts';
import { reply, type Block, type ListItem, type Reply } from '../core/reply.ts';
import { link, literal, plain, strong, text, time, type Text } from '../core/text.ts';
import type { OnNow } from './agenda.ts';
import type { MeetupEvent, Slot } from './event.ts';
import { agendaMessages as m } from './messages.ts';

/** Abstracts are cut in the overview so a whole evening fits one Discord or Slack message. */
const ABSTRACT_MAX = 280;

/** The programme of one meetup: heading, when and where, slots, then accepted lightning talks. */
export function programme(event: MeetupEvent, locale: Locale, now: DateTime, lightning: Slot[] = []): Reply {
  const blocks: Block[] = [
    { type: 'heading', text: text(event.title) },
    { type: 'text', text: whenAndWhere(event, locale) },
  ];
  if (event.end < now) blocks.push({ type: 'text', text: m.t(locale, 'past', { date: [time(event.start, 'date')] }) });
  if (event.slots.length > 0) blocks.push({ type: 'list', items: event.slots.map((slot) => slotItem(slot, locale)) });
  if (lightning.length > 0) {
    blocks.push({ type: 'heading', text: m.t(locale, 'lightningHeading') });
    blocks.push({ type: 'list', items: lightning.map((slot) => slotItem(slot, locale)) });
  }
  return reply(blocks);
}

function whenAndWhere(event: MeetupEvent, locale: Locale): Text {
  const parts: Text[] = [
    m.t(locale, 'when', { start: [time(event.start, 'datetime')], end: [time(event.end, 'time')] }),
  ];
  if (event.venue) parts.push(m.t(locale, 'venue', { venue: event.venue }));
  if (event.online) parts.push(m.t(locale, 'online', { link: [link(event.online, m.s(locale, 'onlineLabel'))] }));
  if (event.url) parts.push(m.t(locale, 'page', { link: [link(event.url)] }));
  return parts.flatMap((part, index) => (index === 0 ? part : [literal('\n'), ...part]));
}

export function slotLine(slot: Slot, locale: Locale): Text {
  const when: Text = slot.start
    ? [time(slot.start, 'time'), ...(slot.end ? [literal('–'), time(slot.end, 'time')] : []), literal('  ')]
    : [];
  const speakers = slot.speakers.map((s) => (s.handle ? `${s.name} (@${s.handle})` : s.name)).join(', ');
  const by = speakers ? m.t(locale, 'by', { speakers }) : [];
  const minutes = !slot.start && slot.minutes ? m.t(locale, 'minutes', { minutes: slot.minutes }) : [];
  const room = slot.room ? m.t(locale, 'room', { room: slot.room }) : [];
  const title = slot.placeholder ? m.s(locale, 'toBeAnnounced') : slot.title;
  return [...when, strong(title), ...minutes, ...room, ...by];
}

function slotItem(slot: Slot, locale: Locale): ListItem {
  const abstract = slot.abstract ? shorten(slot.abstract, ABSTRACT_MAX) : undefined;
  return { text: slotLine(slot, locale), detail: abstract ? [plain(abstract)] : undefined };
}

/** Cuts at a word boundary and says so with an ellipsis. */
export function shorten(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** `/agenda now`: the slot on and the next one, or when the next meetup is. */
export function onNowReply(on: OnNow | undefined, next: MeetupEvent | undefined, locale: Locale): Reply {
  if (!on) {
    if (!next) return reply([{ type: 'text', text: m.t(locale, 'noneNowNoNext') }]);
    const params = {
      title: next.title,
      relative: [time(next.start, 'relative')],
      date: [time(next.start, 'datetime')],
    };
    return reply([{ type: 'text', text: m.t(locale, 'noneNow', params) }]);
  }
  const blocks: Block[] = [{ type: 'heading', text: text(on.event.title) }, ...currentBlocks(on, locale)];
  blocks.push({
    type: 'text',
    text: on.next ? m.t(locale, 'upNext', { slot: slotLine(on.next, locale) }) : m.t(locale, 'nothingNext'),
  });
  return reply(blocks);
}

/** One slot on says so in a line; parallel sessions (a conference's rooms) are listed, every one. */
function currentBlocks(on: OnNow, locale: Locale): Block[] {
  const [only, ...more] = on.current;
  if (!only) return [{ type: 'text', text: m.t(locale, 'nothingNow', { title: on.event.title }) }];
  if (more.length === 0) return [{ type: 'text', text: m.t(locale, 'onNow', { slot: slotLine(only, locale) }) }];
  return [
    { type: 'text', text: m.t(locale, 'onNowMany', { count: on.current.length }) },
    { type: 'list', items: on.current.map((slot) => ({ text: slotLine(slot, locale) })) },
  ];
}

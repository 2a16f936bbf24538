import { DateTime, Duration } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import type { MeetupEvent, Slot } from '../agenda/event.ts';
import { slotLine } from '../agenda/present.ts';
import type { Locale } from '../core/i18n.ts';
import { reply, type Block, type Reply } from '../core/reply.ts';
import { link, literal, plain, text, time, type Text } from '../core/text.ts';
import { announceMessages as m } from './messages.ts';
import type { ReminderOccurrence } from './reminders.ts';

export const PLACEHOLDERS = ['next_event', 'next_event_date', 'agenda_link'] as const;
const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholders in a message that emcee does not know (checked when the announcement is created). */
export function unknownPlaceholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)]
    .map((match) => match[1] as string)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** The organiser's text as a channel post: their words stay plain text, placeholders become tokens. */
export function announcementReply(message: string, agenda: Agenda, now: DateTime, locale: Locale): Reply {
  const next = agenda.next(now);
  const out: Text = [];
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const value = placeholder(match[1] as string, next, locale);
    if (!value) continue;
    if (match.index > last) out.push(plain(message.slice(last, match.index)));
    out.push(...value);
    last = match.index + match[0].length;
  }
  if (last < message.length) out.push(plain(message.slice(last)));
  return reply([{ type: 'text', text: out }], 'channel');
}

function placeholder(name: string, next: MeetupEvent | undefined, locale: Locale): Text | undefined {
  switch (name) {
    case 'next_event':
      return next ? [plain(next.title)] : m.t(locale, 'noNextEvent');
    case 'next_event_date':
      return next ? [time(next.start, 'datetime')] : m.t(locale, 'noNextEvent');
    case 'agenda_link':
      return next?.url ? [link(next.url)] : [literal('/agenda')];
    default:
      return undefined;
  }
}

/** A meetup reminder: one line saying what and when, then the programme summary (times as tokens). */
export function reminderReply(occurrence: ReminderOccurrence, locale: Locale, lightning: Slot[] = []): Reply {
  const event = occurrence.event;
  const title = event.title;
  const lead =
    occurrence.kind === 'before'
      ? m.t(locale, 'reminderBefore', {
          title,
          relative: [time(event.start, 'relative')],
          date: [time(event.start, 'datetime')],
        })
      : occurrence.kind === 'doors'
        ? m.t(locale, 'reminderDoors', { title })
        : m.t(locale, 'reminderFeedback', { title });
  const blocks: Block[] = [{ type: 'text', text: lead }];
  if (occurrence.kind !== 'feedback') {
    const where: Text[] = [[time(event.start, 'datetime'), literal(' – '), time(event.end, 'time')]];
    if (event.venue) where.push(text(event.venue));
    if (event.online) where.push([link(event.online)]);
    if (event.url) where.push([link(event.url)]);
    blocks.push({ type: 'text', text: where.flatMap((part, i) => (i === 0 ? part : [literal(' · '), ...part])) });
    const slots = [...event.slots, ...lightning];
    if (slots.length > 0) blocks.push({ type: 'list', items: slots.map((slot) => ({ text: slotLine(slot, locale) })) });
  }
  return reply(blocks, 'channel');
}

/** `P7D` → "7 days", in the reader's language. */
export function describeOffset(ms: number, locale: Locale): string {
  const units = ms % 86_400_000 === 0 ? ['days'] : ms % 3_600_000 === 0 ? ['hours'] : ['minutes'];
  return Duration.fromMillis(ms)
    .shiftTo(...(units as ['days']))
    .reconfigure({ locale })
    .toHuman();
}

export const instant = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' });

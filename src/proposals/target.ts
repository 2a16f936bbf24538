import type { DateTime } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import type { MeetupEvent } from '../agenda/event.ts';
import { eventLabel } from '../agenda/eventLabel.ts';
import type { Locale } from '../core/i18n.ts';
import { excerpt } from '../core/reply.ts';
import { literal, plain, time, type Text } from '../core/text.ts';
import type { FormValues } from './form.ts';
import { proposalMessages as m } from './messages.ts';
import { cfpStatus, cfpWindow, type ProposalSettings } from './settings.ts';

export type Target = { ok: true; event: MeetupEvent } | { ok: false; text: Text };

/**
 * The meetup a proposal is for: the one named (`event:13`, a date or an id), else the first
 * upcoming meetup whose call for proposals is open. When none fits, the reply says why and when.
 */
export function proposalTarget(
  book: Agenda,
  ref: string | undefined,
  settings: ProposalSettings,
  now: DateTime,
  locale: Locale,
): Target {
  if (ref !== undefined) {
    const event = book.find(ref);
    if (!event)
      return { ok: false, text: m.t(locale, 'unknownEvent', { ref, known: upcomingRefs(book, now, locale) }) };
    return acceptsProposals(event, settings, now, locale);
  }
  const upcoming = book.all().filter((event) => event.start > now);
  const open = upcoming.find((event) => cfpStatus(event, settings, now) === 'open');
  if (open) return { ok: true, event: open };
  const soonest = upcoming
    .filter((event) => cfpStatus(event, settings, now) === 'not-yet')
    .sort(
      (a, b) => (cfpWindow(a, settings).opens?.toMillis() ?? 0) - (cfpWindow(b, settings).opens?.toMillis() ?? 0),
    )[0];
  const first = soonest ?? upcoming[0];
  return first ? acceptsProposals(first, settings, now, locale) : { ok: false, text: m.t(locale, 'noUpcoming') };
}

/** Whether one meetup takes proposals now; if not, the reply says when it did or will. */
export function acceptsProposals(
  event: MeetupEvent,
  settings: ProposalSettings,
  now: DateTime,
  locale: Locale,
): Target {
  const window = cfpWindow(event, settings);
  const name = eventName(event);
  switch (cfpStatus(event, settings, now)) {
    case 'open':
      return { ok: true, event };
    case 'past':
      return { ok: false, text: m.t(locale, 'past', { event: name, date: [time(event.start, 'date')] }) };
    case 'not-yet': {
      const opens = window.opens as DateTime;
      return {
        ok: false,
        text: m.t(locale, 'cfpNotYet', {
          event: name,
          relative: [time(opens, 'relative')],
          date: [time(opens, 'datetime')],
        }),
      };
    }
    case 'closed':
      return { ok: false, text: m.t(locale, 'cfpClosed', { event: name, date: [time(window.closes, 'datetime')] }) };
  }
}

/** How a meetup is named in replies: its title, from the event file, as plain text. */
export const eventName = (event: MeetupEvent): Text => [plain(event.title)];

function upcomingRefs(book: Agenda, now: DateTime, locale: Locale): Text {
  const refs = book
    .all()
    .filter((event) => event.start > now)
    .slice(0, 5)
    .map((event) => eventLabel(event));
  return refs.length > 0 ? [literal(refs.join(', '))] : m.t(locale, 'none');
}

const QUOTE_PAIRS: Array<[string, string]> = [
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
  ["'", "'"],
];

/**
 * The proposal as a command line the person can send again once the problem is fixed, so that
 * nothing they wrote is lost (`cut`: each value by its start only, when all would not fit in one
 * message). Carried as plain text: it is theirs.
 */
export function typedBack(values: FormValues, eventArg?: string, cut = false): Text | undefined {
  const parts = Object.entries(values)
    .filter(([, value]) => value.trim() !== '')
    .map(([name, value]) => `${name}:${quoteFor(cut ? excerpt(value) : value)}`);
  if (parts.length === 0) return undefined;
  if (eventArg) parts.push(`event:${quoteFor(eventArg)}`);
  return [plain(`/propose ${parts.join(' ')}`)];
}

function quoteFor(value: string): string {
  const flat = value.replace(/\s*\n\s*/g, ' ');
  if (/^[^\s"'“«]+$/.test(flat)) return flat;
  const pair = QUOTE_PAIRS.find(([, close]) => !flat.includes(close)) ?? QUOTE_PAIRS[0]!;
  return `${pair[0]}${flat}${pair[1]}`;
}

import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { Locale } from '../core/i18n.ts';
import type { MeetupEvent, Slot } from './event.ts';
import { agendaMessages as m } from './messages.ts';

/** What a calendar needs of the community: who it is (the UID's domain), its name, zone and language. */
export interface CalendarCommunity {
  id: string;
  name: string;
  timezone: string;
  locale: Locale;
}

/** One meetup as a VEVENT: the event, its accepted lightning talks, and its SEQUENCE. */
export interface CalendarEntry {
  event: MeetupEvent;
  lightning: readonly Slot[];
  sequence: number;
}

/**
 * A stable UID: the same meetup keeps it across restarts and edits, so a calendar that subscribed
 * updates the event instead of adding a second one.
 */
export const eventUid = (communityId: string, event: MeetupEvent): string => `${event.id}@${communityId}.emcee`;

/**
 * What a subscriber sees of a meetup, hashed: when its hash changes, its SEQUENCE grows, which is
 * how Google, Apple and Outlook know that an update replaces what they hold.
 */
export function contentHash(event: MeetupEvent, lightning: readonly Slot[]): string {
  const slot = (s: Slot) => [
    s.start?.toMillis(),
    s.end?.toMillis(),
    s.title,
    s.room,
    s.minutes,
    s.abstract,
    s.speakers.map((p) => p.name),
  ];
  const seen = [
    event.title,
    event.start.toMillis(),
    event.end.toMillis(),
    event.venue,
    event.online,
    event.url,
    event.slots.map(slot),
    lightning.map(slot),
  ];
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex');
}

/** An RFC 5545 calendar of `entries`, one VEVENT each, times in UTC (read the same by every client). */
export function writeCalendar(
  community: CalendarCommunity,
  entries: readonly CalendarEntry[],
  stamp: DateTime,
): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//emcee//meetup agenda//EN');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', community.name);
  calendar.addPropertyWithValue('x-wr-timezone', community.timezone);
  for (const entry of entries) calendar.addSubcomponent(vevent(community, entry, stamp));
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}

function vevent(
  community: CalendarCommunity,
  { event, lightning, sequence }: CalendarEntry,
  stamp: DateTime,
): ICAL.Component {
  const component = new ICAL.Component('vevent');
  component.addPropertyWithValue('uid', eventUid(community.id, event));
  component.addPropertyWithValue('dtstamp', utc(stamp));
  component.addPropertyWithValue('dtstart', utc(event.start));
  component.addPropertyWithValue('dtend', utc(event.end));
  component.addPropertyWithValue('sequence', sequence);
  component.addPropertyWithValue('summary', event.title);
  const location = event.venue ?? event.online;
  if (location) component.addPropertyWithValue('location', location);
  const url = event.url ?? event.online;
  if (url) component.addPropertyWithValue('url', url);
  component.addPropertyWithValue('description', description(event, lightning, community.locale));
  return component;
}

const utc = (at: DateTime): ICAL.Time => ICAL.Time.fromDateTimeString(at.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"));

/**
 * The programme as plain lines (`19:15-19:45 Title - Speaker`), in the community's zone: the shape
 * calendar readers show as written and emcee's own iCalendar reader reads back as slots.
 */
export function description(event: MeetupEvent, lightning: readonly Slot[], locale: Locale): string {
  const lines = event.slots.map((slot) => slotText(slot, event.timezone));
  if (lightning.length > 0)
    lines.push('', m.s(locale, 'lightningHeading'), ...lightning.map((slot) => `- ${slotText(slot, event.timezone)}`));
  if (event.online) lines.push('', m.s(locale, 'online', { link: event.online }));
  return lines.join('\n');
}

function slotText(slot: Slot, zone: string): string {
  const clock = (at: DateTime) => at.setZone(zone).toFormat('HH:mm');
  const when = slot.start ? `${clock(slot.start)}${slot.end ? `-${clock(slot.end)}` : ''} ` : '';
  const minutes = !slot.start && slot.minutes ? ` (${slot.minutes} min)` : '';
  const room = slot.room ? ` [${slot.room}]` : '';
  const speakers = slot.speakers.map((s) => s.name).join(', ');
  return `${when}${slot.title}${minutes}${room}${speakers ? ` - ${speakers}` : ''}`;
}

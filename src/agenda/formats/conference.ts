import type { DateTime } from 'luxon';
import type { MeetupEvent, Slot, SlotKind, Speaker } from '../event.ts';
import { numberFromTitle } from '../parse/draft.ts';
import { classifySlot } from '../parse/slotKind.ts';
import type { ZoneClock } from './zoneClock.ts';

/** One session of a published schedule, its times already instants (UTC). */
export interface Talk {
  start: DateTime;
  end: DateTime;
  title: string;
  room?: string;
  speakers: Speaker[];
  abstract?: string;
  /** When the file says it (a Sessionize service session is a break, never a talk). */
  kind?: SlotKind;
}

/** A day of a schedule: the sessions the file lists under it, some possibly after midnight. */
export interface ScheduleDay {
  /** `yyyy-MM-dd`, in the schedule's zone. */
  date: string;
  talks: Talk[];
  /** Title of the day's event when the file gives one (a single meetup of an iCalendar). */
  title?: string;
  venue?: string;
  start?: DateTime;
  end?: DateTime;
}

/** What every conference format is read into before it becomes one event per day. */
export interface Schedule {
  /** Id stem: the conference acronym, else the file name; each day's id is `<stem>-<date>`. */
  stem: string;
  title: string;
  /** The zone the schedule is written in (its own when it names one, else the community's). */
  zone: string;
  days: ScheduleDay[];
  source: string;
  url?: string;
}

/**
 * A day is an event: `/agenda` already shows one event at a time, and finds one by date
 * (`/agenda 2026-10-08`), so a conference needs no new model, only one event per day.
 */
export function scheduleEvents(schedule: Schedule): MeetupEvent[] {
  const days = schedule.days.filter((day) => day.talks.length > 0).sort((a, b) => a.date.localeCompare(b.date));
  return days.map((day, i) => dayEvent(schedule, day, days.length > 1 ? ` (day ${i + 1}/${days.length})` : ''));
}

function dayEvent(schedule: Schedule, day: ScheduleDay, dayNote: string): MeetupEvent {
  const talks = [...day.talks].sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || (a.room ?? '').localeCompare(b.room ?? ''),
  );
  const title = day.title ?? `${schedule.title}${dayNote}`;
  const number = day.title === undefined ? undefined : numberFromTitle(day.title);
  return {
    id: `${schedule.stem}-${day.date}`,
    ...(number === undefined ? {} : { number }),
    title,
    start: day.start ?? earliest(talks.map((talk) => talk.start)),
    end: day.end ?? latest(talks.map((talk) => talk.end)),
    timezone: schedule.zone,
    ...(day.venue ? { venue: day.venue } : {}),
    ...(schedule.url ? { url: schedule.url } : {}),
    slots: talks.map(toSlot),
    warnings: [],
    source: schedule.source,
  };
}

function toSlot(talk: Talk): Slot {
  const minutes = (talk.end.toMillis() - talk.start.toMillis()) / 60_000;
  return {
    start: talk.start,
    end: talk.end,
    title: talk.title,
    kind: talk.kind ?? classifySlot({ title: talk.title, speakers: talk.speakers, abstract: talk.abstract, minutes }),
    speakers: talk.speakers,
    ...(talk.abstract ? { abstract: talk.abstract } : {}),
    ...(talk.room ? { room: talk.room } : {}),
  };
}

const earliest = (instants: DateTime[]): DateTime => instants.reduce((min, at) => (at < min ? at : min));
const latest = (instants: DateTime[]): DateTime => instants.reduce((max, at) => (at > max ? at : max));

/** A session just after midnight (a party, a late track) belongs to the evening before. */
export const NIGHT_HOURS = 5;

/** Groups sessions by day, in the zone, for formats that list them without days (Sessionize, iCalendar). */
export function byDay(talks: Talk[], zone: string, clock: ZoneClock): ScheduleDay[] {
  const days = new Map<string, Talk[]>();
  for (const talk of talks) {
    const date = isoDate(clock.wall(talk.start.minus({ hours: NIGHT_HOURS }), zone));
    days.set(date, [...(days.get(date) ?? []), talk]);
  }
  return [...days].map(([date, dayTalks]) => ({ date, talks: dayTalks }));
}

/** `2026-10-07`. */
export const isoDate = (wall: { year: number; month: number; day: number }): string =>
  `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;

/** `Site Reliability Days 2026` from `sre-days-2026.json` when the file names no title. */
export const stemOf = (file: string): string => (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '');

/** An acronym as an id stem: lower case, letters, digits and dashes. */
export const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

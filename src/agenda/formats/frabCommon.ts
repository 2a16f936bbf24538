import { DateTime, Duration, IANAZone } from 'luxon';
import type { SlotKind, Speaker } from '../event.ts';
import type { Finding } from '../parse/problems.ts';
import { NIGHT_HOURS, scheduleEvents, type Schedule, type Talk } from './conference.ts';
import { leftOut, type FormatReading } from './reading.ts';
import type { ZoneClock } from './zoneClock.ts';

/** `00:30`, `1:30`, `01:30:00`: a frab duration. */
export const DURATION_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
export const DURATION_EXPECTED = 'expected a duration HH:MM like "00:30"';
export const START_TEXT = /^(\d{1,2}):(\d{2})$/;

/** The session fields frab JSON and frab XML share, once read from either. */
export interface FrabSession {
  /** `2026-10-07T09:30:00+02:00`: the instant, when the export gives it. */
  date?: string;
  /** `09:30`: wall clock on the day, read in the conference zone when `date` is absent. */
  start: string;
  duration: string;
  title: string;
  room?: string;
  type?: string;
  abstract?: string;
  speakers: Speaker[];
}

/** The conference's own zone when it names a real one, else the community's (with a warning when wrong). */
export function scheduleZone(named: string | undefined, community: string, warn: (finding: Finding) => void): string {
  if (!named) return community;
  // IANAZone.create is cached; isValidZone builds an Intl formatter on every call.
  if (IANAZone.create(named).isValid) return named;
  warn({
    field: 'time_zone_name',
    message: `found "${named}", expected an IANA zone such as "Europe/Paris"; times without an offset are read in ${community}`,
  });
  return community;
}

/** A session's start: its dated instant (offset written) when given, else its wall clock on the day. */
export function frabTalk(session: FrabSession, day: string, zone: string, zoneClock: ZoneClock): Talk | Finding {
  const start = session.date
    ? DateTime.fromISO(session.date, { setZone: true })
    : wallStart(session.start, day, zone, zoneClock);
  if (!start?.isValid)
    return {
      field: session.date ? 'date' : 'start',
      message: `found date "${session.date ?? session.start}", expected a date and time like 2026-10-07T09:30:00+02:00`,
    };
  const [, hours, minutes, seconds] = DURATION_TEXT.exec(session.duration) as RegExpExecArray;
  const length = Duration.fromObject({ hours: Number(hours), minutes: Number(minutes), seconds: Number(seconds ?? 0) });
  const utc = start.toUTC();
  return {
    start: utc,
    end: utc.plus(length),
    title: session.title.trim(),
    ...(session.room ? { room: session.room } : {}),
    speakers: session.speakers,
    ...(session.abstract?.trim() ? { abstract: session.abstract.trim() } : {}),
    ...kindOfType(session.type),
  };
}

/** The session types frab and pretalx organisers use that say more than the title does. */
function kindOfType(type: string | undefined): { kind?: SlotKind } {
  if (/lightning/i.test(type ?? '')) return { kind: 'lightning' };
  if (/^(?:break|pause)$/i.test(type ?? '')) return { kind: 'break' };
  return {};
}

/** `start` alone is on the day, or the next one before NIGHT_HOURS: a `<day>` runs past midnight. */
function wallStart(start: string, day: string, zone: string, zoneClock: ZoneClock): DateTime | undefined {
  const time = START_TEXT.exec(start);
  const date = DateTime.fromISO(day.slice(0, 10), { zone: 'utc' });
  if (!time || !date.isValid) return undefined;
  const [hour, minute] = [Number(time[1]), Number(time[2])];
  const on = hour < NIGHT_HOURS ? date.plus({ days: 1 }) : date;
  return zoneClock.instant({ year: on.year, month: on.month, day: on.day, hour, minute }, zone);
}

export const isFinding = (value: Talk | Finding): value is Finding => 'message' in value;

const FIX_TALK = 'correct this talk in pretalx or frab (or in the file), then export again';

/** A talk that does not read, as a warning that names it. */
export const talkLeftOut = (finding: Finding, title: unknown): Finding =>
  leftOut(finding, { kind: 'talk', title, fix: finding.fix ?? FIX_TALK });

/**
 * The schedule with the talks that read, each one left out as a warning: one bad talk must not hide
 * the programme. Nothing left to show means the file is wrong, not one of its talks: an error.
 */
export function frabReading(schedule: Schedule, leftOut: Finding[], warnings: Finding[]): FormatReading {
  const shown = schedule.days.some((day) => day.talks.length > 0);
  if (!shown && leftOut.length > 0) return { kind: 'error', problems: leftOut };
  return { kind: 'events', events: scheduleEvents(schedule), warnings: [...warnings, ...leftOut] };
}

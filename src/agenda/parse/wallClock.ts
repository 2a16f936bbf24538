import { DateTime, IANAZone } from 'luxon';
import { rememberingLast } from './recent.ts';
import type { TimeOfDay } from './timeOfDay.ts';
import { ZoneYears } from './zoneYears.ts';

/**
 * Dates as written in event files. The community zone decides what a wall-clock time means; a
 * written offset is kept only to be compared with the zone's (organisers copy offsets by mistake).
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface WrittenDate {
  raw: string;
  date: CalendarDate;
  time?: TimeOfDay;
  /** The offset written after the time, in minutes (`Z` is 0); absent when none was written. */
  offsetMinutes?: number;
}

export const DATE_EXAMPLE = '2026-12-09T19:00';

const DATE_TEXT =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2})[:hH](\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A string (`2026-12-09 19:00`, `2019-09-18T19:00:00-01:00`, `2026-12-09`) or a JS Date (what a
 * YAML 1.1 parser makes of a timestamp). Undefined when it is neither.
 */
export function readWrittenDate(value: unknown, zone: string): WrittenDate | undefined {
  if (value instanceof Date) return fromJsDate(value, zone);
  if (typeof value !== 'string') return undefined;
  const match = DATE_TEXT.exec(value.trim());
  if (!match) return undefined;
  const [, year, , month, day, hour, minute, , offset] = match;
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  if (!isCalendarDate(date)) return undefined;
  if (hour === undefined) return { raw: value, date };
  const time = { hour: Number(hour), minute: Number(minute) };
  if (time.hour > 23 || time.minute > 59) return undefined;
  if (offset?.toUpperCase() === 'Z') return fromUtc(value, date, time, zone);
  return { raw: value, date, time, ...(offset ? { offsetMinutes: offsetMinutesOf(offset) } : {}) };
}

/**
 * `Z` is how tools write an instant (Hugo's `date` of a post, exports): 17:00Z is 19:00 in Paris in
 * June, not a wall clock contradicting the zone. Only a numeric offset is a wall clock to check.
 */
function fromUtc(raw: string, date: CalendarDate, time: TimeOfDay, zone: string): WrittenDate {
  const local = DateTime.fromObject({ ...date, ...time }, { zone: 'utc' }).setZone(zone);
  return { raw, date: calendarOf(local), time: { hour: local.hour, minute: local.minute } };
}

/** A Date has lost the written wall clock and offset: read it as an instant, in the zone. */
function fromJsDate(value: Date, zone: string): WrittenDate | undefined {
  const utc = DateTime.fromJSDate(value, { zone: 'utc' });
  if (!utc.isValid) return undefined;
  const raw = utc.toISO();
  if (utc.hour === 0 && utc.minute === 0 && utc.second === 0) return { raw, date: calendarOf(utc) };
  const local = utc.setZone(zone);
  return { raw, date: calendarOf(local), time: { hour: local.hour, minute: local.minute } };
}

/** February 30th and month 13 are not dates (what luxon's isValid said, without building a DateTime). */
function isCalendarDate({ year, month, day }: CalendarDate): boolean {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const calendarOf = (dateTime: DateTime): CalendarDate => ({
  year: dateTime.year,
  month: dateTime.month,
  day: dateTime.day,
});

function offsetMinutesOf(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})?$/.exec(text) as RegExpExecArray;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
}

/** The instant (UTC) of a wall-clock time in the zone, `days` after the given date. */
export function atWallClock(date: CalendarDate, time: TimeOfDay, zone: string, days = 0): DateTime {
  const wall = Date.UTC(date.year, date.month - 1, date.day + days, time.hour, time.minute);
  const steady = steadyOffset(wall, zone);
  if (steady !== undefined) return utcAt(wall - steady * 60_000);
  const day = DateTime.fromMillis(wall, { zone: 'utc' });
  return DateTime.fromObject({ ...calendarOf(day), hour: time.hour, minute: time.minute }, { zone }).toUTC();
}

/**
 * A UTC DateTime, shared (it is immutable): building one builds a luxon Locale too, a large part
 * of reading a page. The last few are kept: a slot's end is usually the next slot's start, and the
 * first slot starts the meetup, so a page asks for most of its instants twice. A large map of every
 * instant seen kept thousands of DateTimes alive from one collection to the next and cost more to
 * look up and rehash than building the few that it saved.
 */
const utcAt = rememberingLast(8, (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }));

const DAY_MS = 24 * 60 * 60 * 1000;
/** Shared by every page of the process: a zone's offsets are looked up once per year. */
const zoneYears = new ZoneYears();

/**
 * Most days have one offset all day long: when the zone's offset does not change from a day
 * before to a day after the wall-clock day, every wall-clock time of that day is plain
 * arithmetic; a zone lookup per time is the slow part of reading a page.
 */
function steadyOffset(wall: number, zone: string): number | undefined {
  const midnight = wall - (wall % DAY_MS);
  const iana = IANAZone.create(zone);
  if (!iana.isValid) return undefined;
  return zoneYears.steadyBetween(iana, midnight - DAY_MS, midnight + 2 * DAY_MS);
}

/** The zone's offset at that wall-clock time, in minutes (+120 for a Paris summer evening). */
export function zoneOffsetAt(date: CalendarDate, time: TimeOfDay, zone: string): number {
  const steady = steadyOffset(Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute), zone);
  if (steady !== undefined) return steady;
  return DateTime.fromObject({ ...date, hour: time.hour, minute: time.minute }, { zone }).offset;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const formatDate = (date: CalendarDate): string =>
  `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

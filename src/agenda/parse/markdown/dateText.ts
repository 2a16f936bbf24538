import { DateTime } from 'luxon';
import { readTimeRange, type TimeOfDay } from '../timeOfDay.ts';
import type { CalendarDate } from '../wallClock.ts';

/**
 * A meetup's date as a sentence of the page gives it: `Thursday, February 23rd 2017`,
 * `30 January, 2020 at 17:00 - 20:00`, `Jeudi 23 février 2017 à 19h`. The whole text must be the
 * date (and its times), so that prose mentioning a date is not taken for one.
 */
export interface DateText {
  date: CalendarDate;
  time?: TimeOfDay;
  end?: TimeOfDay;
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|wednes|thu|thurs|fri|sat|satur|sun)(?:day)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?\s+(?:le\s+)?`;
const MONTH = String.raw`(\p{L}+)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|er)?`;
const YEAR = String.raw`,?\s+(\d{4})`;
const DAY_FIRST = new RegExp(`^(?:${WEEKDAY})?${DAY}\\s+${MONTH}${YEAR}`, 'iu');
const MONTH_FIRST = new RegExp(`^(?:${WEEKDAY})?${MONTH}\\s+${DAY}${YEAR}`, 'iu');
const AT = /^\s*(?:,|at|à|a|from|de|dès|[-–—|])?\s*/iu;

export function readDateText(text: string): DateText | undefined {
  const trimmed = text.trim();
  const dayFirst = DAY_FIRST.exec(trimmed);
  const monthFirst = dayFirst ? undefined : MONTH_FIRST.exec(trimmed);
  const match = dayFirst ?? monthFirst;
  if (!match) return undefined;
  const [day, month] = dayFirst ? [match[1], match[2]] : [match[2], match[1]];
  const date = calendarDate(Number(match[3]), month as string, Number(day));
  if (!date) return undefined;
  const rest = trimmed.slice(match[0].length).replace(/[.!]$/, '');
  if (rest.trim() === '') return { date };
  const range = readTimeRange(rest.replace(AT, ''));
  if (!range?.start.time || range.rest.trim() !== '' || (range.end && !range.end.time)) return undefined;
  return { date, time: range.start.time, ...(range.end?.time ? { end: range.end.time } : {}) };
}

function calendarDate(year: number, monthName: string, day: number): CalendarDate | undefined {
  const month = MONTHS[monthName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()];
  if (!month) return undefined;
  const date = { year, month, day };
  return DateTime.fromObject(date, { zone: 'utc' }).isValid ? date : undefined;
}

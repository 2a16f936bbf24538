import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { Finding } from '../parse/problems.ts';
import { lineAt, type FormatInput } from './reading.ts';

/** What reading one iCalendar file needs besides its VEVENTs. */
export interface Context {
  input: FormatInput;
  zones: Map<string, ICAL.Timezone>;
  /** Where days are cut, and the events' zone. */
  zone: string;
  /** Where floating times (no Z, no TZID) are read: the calendar's own zone, else the community's. */
  floating: string;
  warnings: Finding[];
}

export const summaryOf = (vevent: ICAL.Component): string =>
  String(vevent.getFirstPropertyValue('summary') ?? '').trim();

/** STATUS:CANCELLED: an event, or one occurrence of a repeating one, that is not to be shown. */
export const cancelled = (vevent: ICAL.Component): boolean =>
  String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';

/** The line of a VEVENT's UID, to point the organiser at it. */
export function whereIs(vevent: ICAL.Component, context: Context): { line?: number } {
  const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
  const at = uid ? context.input.text.indexOf(`UID:${uid}`) : -1;
  return at === -1 ? {} : { line: lineAt(context.input.text, at) };
}

/** DTSTART/DTEND as an instant, by the rules in the header comment of ical.ts; a TZID that is no zone is warned about. */
export function instant(vevent: ICAL.Component, name: 'dtstart' | 'dtend', context: Context): DateTime | undefined {
  const property = vevent.getFirstProperty(name);
  const time = property?.getFirstValue();
  if (!property || !(time instanceof ICAL.Time)) return undefined;
  const tzid = property.getParameter('tzid');
  const read = instantOf(time, tzid, context);
  if (read.unknownZone !== undefined) {
    context.warnings.push({
      ...whereIs(vevent, context),
      field: name.toUpperCase(),
      message: `TZID "${read.unknownZone}" is neither an IANA zone nor defined by a VTIMEZONE of the file; read in ${context.floating}`,
    });
  }
  return read.at;
}

/**
 * A time as the file writes it (wall clock, with the TZID of its property) as an instant. An
 * occurrence of a repeating event is its DTSTART's wall clock on another day: read in the same
 * zone, 19:00 Paris stays 19:00 Paris in winter and in summer.
 */
export function instantOf(time: ICAL.Time, tzid: unknown, context: Context): { at: DateTime; unknownZone?: string } {
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (time.zone?.tzid === 'UTC') return { at: DateTime.fromObject(wall, { zone: 'utc' }) };
  const own = typeof tzid === 'string' ? context.zones.get(tzid) : undefined;
  if (own)
    return {
      at: DateTime.fromMillis(
        Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - own.utcOffset(time) * 1000,
        { zone: 'utc' },
      ),
    };
  const iana = typeof tzid === 'string' ? ianaName(tzid) : undefined;
  const at = context.input.zoneClock.instant(wall, iana ?? context.floating);
  return typeof tzid === 'string' && !iana ? { at, unknownZone: tzid } : { at };
}

/** IANAZone.create is cached; isValidZone builds an Intl formatter on every call. */
export const isZone = (name: string): boolean => name !== '' && IANAZone.create(name).isValid;

/** `Europe/Paris`, or the IANA name at the end of a vendor prefix (`/citadel.org/20190101_1/Europe/Paris`). */
export function ianaName(tzid: string): string | undefined {
  const parts = tzid.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const name = parts.slice(i).join('/');
    if (isZone(name)) return name;
  }
  return undefined;
}

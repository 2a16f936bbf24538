import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { Finding } from '../parse/problems.ts';
import { byDay, isoDate, scheduleEvents, stemOf, type ScheduleDay, type Talk } from './conference.ts';
import { programmeLines, talkDescription } from './icalProgramme.ts';
import { lineOfNth, type FormatInput, type FormatReading } from './reading.ts';
import type { WallClock } from './zoneClock.ts';

/**
 * iCalendar (`.ics`), parsed by ical.js (folded lines, escapes, parameters). Times: `Z` is UTC; a
 * `TZID` is read with the file's own VTIMEZONE when it has one, else as an IANA zone; a time with
 * neither is read in the calendar's zone (X-WR-TIMEZONE), else the community's. Days are cut in
 * X-WR-TIMEZONE, else the first IANA TZID, else the community zone. A VEVENT whose
 * DESCRIPTION lists a programme (`19:15 Title - Speaker`) is a meetup with those slots; other
 * VEVENTs are sessions, grouped by day into one event a day, their LOCATION as the room.
 */
interface Context {
  input: FormatInput;
  zones: Map<string, ICAL.Timezone>;
  /** Where days are cut, and the events' zone. */
  zone: string;
  /** Where floating times (no Z, no TZID) are read: the calendar's own zone, else the community's. */
  floating: string;
  warnings: Finding[];
}

interface Read {
  uid: string;
  sequence: number;
  order: number;
  vevent: ICAL.Component;
}

export function readIcal(input: FormatInput): FormatReading {
  let calendars: ICAL.Component[];
  try {
    calendars = roots(ICAL.parse(input.text)).map((root) => new ICAL.Component(root));
  } catch (error) {
    return { kind: 'error', problems: [parseProblem(input.text, (error as Error).message)] };
  }
  const [calendar] = calendars;
  if (!calendar || calendars.some((one) => one.name !== 'vcalendar')) {
    return {
      kind: 'not-event',
      reason: `an iCalendar file with ${calendars.map((one) => one.name.toUpperCase()).join(', ') || 'nothing'} instead of VCALENDAR`,
    };
  }
  const within = (name: string) => calendars.flatMap((one) => one.getAllSubcomponents(name));
  const zones = new Map(
    within('vtimezone').map((component) => [
      String(component.getFirstPropertyValue('tzid')),
      new ICAL.Timezone(component),
    ]),
  );
  const all = within('vevent');
  const named = String(calendar.getFirstPropertyValue('x-wr-timezone') ?? '');
  const floating = isZone(named) ? named : input.timezone;
  const context: Context = { input, zones, zone: calendarZone(calendar, all) ?? floating, floating, warnings: [] };
  const vevents = latestVersions(all, context);
  if (!Array.isArray(vevents)) return { kind: 'error', problems: [vevents] };
  if (vevents.length === 0) return { kind: 'not-event', reason: 'an iCalendar file with no VEVENT' };
  const meetups: ScheduleDay[] = [];
  const sessions: Talk[] = [];
  for (const vevent of vevents) {
    const read = readVevent(vevent, context);
    if ('message' in read) return { kind: 'error', problems: [read] };
    if (read.programme) meetups.push(read.programme);
    else sessions.push(read.session);
  }
  const stem = stemOf(input.path);
  const title = String(calendar.getFirstPropertyValue('x-wr-calname') ?? '') || stem;
  const days = [...meetups, ...byDay(sessions, context.zone, input.zoneClock).map(single)];
  return {
    kind: 'events',
    events: scheduleEvents({ stem, title, zone: context.zone, days, source: input.path }),
    warnings: context.warnings,
  };
}

/**
 * The zone the calendar is written in: X-WR-TIMEZONE, else the first IANA TZID of a start. Days
 * are cut there, so a Paris conference read by a Montréal community keeps its Paris days.
 */
function calendarZone(calendar: ICAL.Component, vevents: ICAL.Component[]): string | undefined {
  const named = String(calendar.getFirstPropertyValue('x-wr-timezone') ?? '');
  if (isZone(named)) return named;
  for (const vevent of vevents) {
    const tzid = vevent.getFirstProperty('dtstart')?.getParameter('tzid');
    const zone = typeof tzid === 'string' ? ianaName(tzid) : undefined;
    if (zone) return zone;
  }
  return undefined;
}

/** ical.js gives one component, or a list of them when a file holds several (two calendars pasted together). */
function roots(parsed: unknown): unknown[][] {
  const list = parsed as unknown[];
  return Array.isArray(list[0]) ? (list as unknown[][]) : [list];
}

/** A day with one session is a meetup: its summary is the title, its location the venue. */
function single(day: ScheduleDay): ScheduleDay {
  const [talk] = day.talks;
  if (day.talks.length !== 1 || !talk) return day;
  const { room, ...rest } = talk;
  return { ...day, title: talk.title, talks: [rest], ...(room ? { venue: room } : {}) };
}

/**
 * One VEVENT per UID (and RECURRENCE-ID): a calendar that repeats a UID is sending updates, and the
 * highest SEQUENCE (then the later in the file) is the current one. Cancelled events are left out.
 */
function latestVersions(vevents: ICAL.Component[], context: Context): ICAL.Component[] | Finding {
  const byKey = new Map<string, Read>();
  for (const [order, vevent] of vevents.entries()) {
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid === '') {
      return {
        line: lineOfNth(context.input.text, 'BEGIN:VEVENT', order),
        field: 'UID',
        message: 'missing: every VEVENT needs a UID',
        fix: 'export the calendar again',
      };
    }
    const key = `${uid}|${String(vevent.getFirstPropertyValue('recurrence-id') ?? '')}`;
    const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
    const known = byKey.get(key);
    if (!known || sequence >= known.sequence) byKey.set(key, { uid, sequence, order, vevent });
  }
  const current = [...byKey.values()].sort((a, b) => a.order - b.order);
  const cancelled = current.filter(
    (read) => String(read.vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
  );
  for (const read of cancelled)
    context.warnings.push({
      line: lineOfNth(context.input.text, 'BEGIN:VEVENT', read.order),
      message: `"${summaryOf(read.vevent)}" is cancelled (STATUS:CANCELLED) and not shown`,
    });
  return current.filter((read) => !cancelled.includes(read)).map((read) => read.vevent);
}

const summaryOf = (vevent: ICAL.Component): string => String(vevent.getFirstPropertyValue('summary') ?? '').trim();

function readVevent(
  vevent: ICAL.Component,
  context: Context,
): { programme: ScheduleDay } | { programme?: undefined; session: Talk } | Finding {
  const start = instant(vevent, 'dtstart', context);
  if (!start)
    return {
      ...whereIs(vevent, context),
      field: 'DTSTART',
      message: 'missing: expected DTSTART, the start of the event',
    };
  const end = instant(vevent, 'dtend', context) ?? start.plus({ hours: 1 });
  if (vevent.getFirstProperty('rrule'))
    context.warnings.push({
      ...whereIs(vevent, context),
      message: `"${summaryOf(vevent)}" repeats (RRULE); only its first date is shown`,
    });
  const title = summaryOf(vevent) || 'Untitled';
  const description = String(vevent.getFirstPropertyValue('description') ?? '');
  const location = String(vevent.getFirstPropertyValue('location') ?? '').trim();
  const lines = programmeLines(description);
  if (lines.length === 0)
    return { session: { start, end, title, ...(location ? { room: location } : {}), ...talkDescription(description) } };
  return { programme: meetupDay(title, location, start, end, lines, context) };
}

function whereIs(vevent: ICAL.Component, context: Context): { line?: number } {
  const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
  const at = uid ? context.input.text.indexOf(`UID:${uid}`) : -1;
  return at === -1 ? {} : { line: context.input.text.slice(0, at).split('\n').length };
}

/** A meetup whose DESCRIPTION is its programme: times on its day, in its zone, past midnight when earlier. */
function meetupDay(
  title: string,
  venue: string,
  start: DateTime,
  end: DateTime,
  lines: ReturnType<typeof programmeLines>,
  context: Context,
): ScheduleDay {
  const local = context.input.zoneClock.wall(start, context.zone);
  let [days, previous] = [0, -1];
  const starts = lines.map((line) => {
    const minutes = line.start.hour * 60 + line.start.minute;
    if (minutes < previous) days += 1;
    previous = minutes;
    return wallOn(local, days, line.start, context);
  });
  const talks = lines.map((line, i): Talk => {
    const own = line.end && wallOn(local, days, line.end, context);
    const slotStart = starts[i] as DateTime;
    const slotEnd =
      own && own > slotStart ? own : (starts[i + 1] ?? (end > slotStart ? end : slotStart.plus({ minutes: 45 })));
    return {
      start: slotStart,
      end: slotEnd,
      title: line.title,
      speakers: line.speakers,
      ...(line.abstract ? { abstract: line.abstract } : {}),
    };
  });
  return { date: isoDate(local), talks, title, ...(venue ? { venue } : {}), start, end };
}

/** A programme time on the meetup's day, or `days` later (past midnight). */
function wallOn(local: WallClock, days: number, time: { hour: number; minute: number }, context: Context): DateTime {
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return context.input.zoneClock.instant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), ...time },
    context.zone,
  );
}

/** DTSTART/DTEND as an instant, by the rules in the header comment. */
function instant(vevent: ICAL.Component, name: 'dtstart' | 'dtend', context: Context): DateTime | undefined {
  const property = vevent.getFirstProperty(name);
  const time = property?.getFirstValue();
  if (!property || !(time instanceof ICAL.Time)) return undefined;
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (time.zone?.tzid === 'UTC') return DateTime.fromObject(wall, { zone: 'utc' });
  const tzid = property.getParameter('tzid');
  const own = typeof tzid === 'string' ? context.zones.get(tzid) : undefined;
  if (own)
    return DateTime.fromMillis(
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - own.utcOffset(time) * 1000,
      { zone: 'utc' },
    );
  const iana = typeof tzid === 'string' ? ianaName(tzid) : undefined;
  if (typeof tzid === 'string' && !iana) {
    context.warnings.push({
      ...whereIs(vevent, context),
      field: name.toUpperCase(),
      message: `TZID "${tzid}" is neither an IANA zone nor defined by a VTIMEZONE of the file; read in ${context.floating}`,
    });
  }
  return context.input.zoneClock.instant(wall, iana ?? context.floating);
}

/** IANAZone.create is cached; isValidZone builds an Intl formatter on every call. */
const isZone = (name: string): boolean => name !== '' && IANAZone.create(name).isValid;

/** `Europe/Paris`, or the IANA name at the end of a vendor prefix (`/citadel.org/20190101_1/Europe/Paris`). */
function ianaName(tzid: string): string | undefined {
  const parts = tzid.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const name = parts.slice(i).join('/');
    if (isZone(name)) return name;
  }
  return undefined;
}

/** ical.js names the bad line in its message; find it in the file to give its number. */
function parseProblem(text: string, reason: string): Finding {
  // The last quoted text of the message is the line itself (the first may be a token).
  const quoted = [...reason.matchAll(/"([^"]+)"/g)].at(-1)?.[1];
  const at = quoted ? text.indexOf(quoted) : -1;
  return {
    ...(at === -1 ? {} : { line: text.slice(0, at).split('\n').length }),
    message: `not valid iCalendar: ${reason}`,
    fix: 'each line is NAME:value (or NAME;PARAM=x:value), a continuation line starts with a space; export the calendar again',
  };
}

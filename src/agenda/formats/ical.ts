import ICAL from 'ical.js';
import type { DateTime } from 'luxon';
import type { Finding } from '../parse/problems.ts';
import { byDay, isoDate, scheduleEvents, stemOf, type ScheduleDay, type Talk } from './conference.ts';
import { programmeLines, talkDescription } from './icalProgramme.ts';
import { occurrences, repeats, type Occurrence } from './icalRecurrence.ts';
import { cancelled, ianaName, instant, isZone, summaryOf, whereIs, type Context } from './icalTime.ts';
import { lineOfNth, type FormatInput, type FormatReading } from './reading.ts';
import type { WallClock } from './zoneClock.ts';

/**
 * iCalendar (`.ics`), parsed by ical.js (folded lines, escapes, parameters). Times: `Z` is UTC; a
 * `TZID` is read with the file's own VTIMEZONE when it has one, else as an IANA zone; a time with
 * neither is read in the calendar's zone (X-WR-TIMEZONE), else the community's. Days are cut in
 * X-WR-TIMEZONE, else the first IANA TZID, else the community zone. A VEVENT whose
 * DESCRIPTION lists a programme (`19:15 Title - Speaker`) is a meetup with those slots; other
 * VEVENTs are sessions, grouped by day into one event a day, their LOCATION as the room. A
 * repeating VEVENT (RRULE, RDATE) is read as its occurrences around now (icalRecurrence.ts).
 */

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
  const current = latestVersions(all, context);
  if (!Array.isArray(current)) return { kind: 'error', problems: [current] };
  const vevents = notCancelled(current, context);
  if (vevents.length === 0) return { kind: 'not-event', reason: 'an iCalendar file with no VEVENT' };
  const overrides = overridesBySeries(current.map((read) => read.vevent));
  const meetups: ScheduleDay[] = [];
  const sessions: Talk[] = [];
  for (const vevent of vevents) {
    if (overrides.taken.has(vevent)) continue;
    const read = readVevent(vevent, overrides.of(vevent), context);
    if ('message' in read) return { kind: 'error', problems: [read] };
    for (const one of read) {
      if (one.programme) meetups.push(one.programme);
      else sessions.push(one.session);
    }
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
 * highest SEQUENCE (then the later in the file) is the current one.
 */
function latestVersions(vevents: ICAL.Component[], context: Context): Read[] | Finding {
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
  return [...byKey.values()].sort((a, b) => a.order - b.order);
}

/** Cancelled events (and cancelled occurrences of a repeating one) are left out, with a warning. */
function notCancelled(current: Read[], context: Context): ICAL.Component[] {
  const shown = current.filter(({ vevent, uid, order }) => {
    if (!cancelled(vevent)) return true;
    // One cancelled occurrence of a repeating event: named by the series and the date.
    const series = current.find((read) => read.uid === uid && repeats(read.vevent))?.vevent;
    const occurrence = series && vevent.getFirstPropertyValue('recurrence-id');
    const on = occurrence instanceof ICAL.Time ? ` on ${occurrence.toString().slice(0, 10)}` : '';
    context.warnings.push({
      line: lineOfNth(context.input.text, 'BEGIN:VEVENT', order),
      message: `"${summaryOf(vevent) || (series ? summaryOf(series) : '')}"${on} is cancelled (STATUS:CANCELLED) and not shown`,
    });
    return false;
  });
  return shown.map((read) => read.vevent);
}

/**
 * The overrides (RECURRENCE-ID) of each repeating VEVENT, by UID, cancelled ones included: they are
 * read as its occurrences, never on their own (`taken`), even when the series itself is cancelled.
 */
function overridesBySeries(current: ICAL.Component[]): {
  of: (vevent: ICAL.Component) => ICAL.Component[];
  taken: Set<ICAL.Component>;
} {
  const uid = (vevent: ICAL.Component) => String(vevent.getFirstPropertyValue('uid'));
  const series = new Set(current.filter(repeats).map(uid));
  const byUid = new Map<string, ICAL.Component[]>();
  for (const vevent of current)
    if (vevent.hasProperty('recurrence-id') && series.has(uid(vevent)))
      byUid.set(uid(vevent), [...(byUid.get(uid(vevent)) ?? []), vevent]);
  return {
    of: (vevent) => (repeats(vevent) ? (byUid.get(uid(vevent)) ?? []) : []),
    taken: new Set([...byUid.values()].flat()),
  };
}

type Reading = { programme: ScheduleDay } | { programme?: undefined; session: Talk };

/** A VEVENT as one meetup or session, or a repeating one as one for each of its occurrences. */
function readVevent(vevent: ICAL.Component, overrides: ICAL.Component[], context: Context): Reading[] | Finding {
  const start = instant(vevent, 'dtstart', context);
  if (!start)
    return {
      ...whereIs(vevent, context),
      field: 'DTSTART',
      message: 'missing: expected DTSTART, the start of the event',
    };
  const end = instant(vevent, 'dtend', context) ?? start.plus({ hours: 1 });
  if (!repeats(vevent)) return [readOccurrence({ start, end, fields: [vevent] }, context)];
  return occurrences(vevent, overrides, { start, end }, context).map((one) => readOccurrence(one, context));
}

/** An occurrence's fields are its override's, else the series' (a moved meetup keeps its programme). */
function readOccurrence({ start, end, fields }: Occurrence, context: Context): Reading {
  const field = (name: string): string => {
    const value = fields.map((vevent) => vevent.getFirstPropertyValue(name)).find((one) => one !== null);
    return String(value ?? '');
  };
  const title = field('summary').trim() || 'Untitled';
  const description = field('description');
  const location = field('location').trim();
  const lines = programmeLines(description);
  if (lines.length === 0)
    return { session: { start, end, title, ...(location ? { room: location } : {}), ...talkDescription(description) } };
  return { programme: meetupDay(title, location, start, end, lines, context) };
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

import type { DateTime } from 'luxon';
import type { MeetupEvent, Slot } from '../event.ts';
import type { DraftSlot, EventDraft, WrittenEnd } from './draft.ts';
import { numberFromTitle } from './draft.ts';
import type { Finding } from './problems.ts';
import { classifySlot } from './slotKind.ts';
import { formatTime, minutesOf } from './timeOfDay.ts';
import { atWallClock, DATE_EXAMPLE, formatDate, formatOffset, zoneOffsetAt, type WrittenDate } from './wallClock.ts';

/**
 * The time rules, for both formats: wall-clock times are read in the community zone and become
 * UTC instants; programme times fall on the event's day, and a time earlier than the one before
 * (by more than half a day) has crossed midnight.
 */
const OPEN_ENDED_LAST_SLOT = { minutes: 45 };
const DEFAULT_LENGTH = { hours: 3 };
const DAY = 24 * 60;

interface Placed {
  start?: DateTime;
  end?: DateTime;
}

export function buildEvent(draft: EventDraft, warn: (finding: Finding) => void): MeetupEvent {
  const placed = placeSlots(draft);
  const start = eventStart(draft, placed, warn);
  const writtenEnd = draft.end && endInstant(draft, draft.end, start, warn);
  closeOpenSlots(placed, writtenEnd);
  const end = eventEnd(start, writtenEnd, placed, warn);
  return {
    id: draft.id,
    ...optional('number', draft.number ?? numberFromTitle(draft.title)),
    title: draft.title,
    start,
    end,
    timezone: draft.timezone,
    ...optional('venue', draft.venue),
    ...optional('online', draft.online),
    ...optional('url', draft.url),
    ...optional('description', draft.description),
    slots: draft.slots.map((slot, i) => toSlot(slot, placed[i] ?? {})),
    warnings: [],
    source: draft.source,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function placeSlots(draft: EventDraft): Placed[] {
  let days = 0;
  let previous: number | undefined;
  return draft.slots.map((slot) => {
    if (!slot.start) return {};
    let minutes = minutesOf(slot.start) + days * DAY;
    if (previous !== undefined && minutes < previous - DAY / 2) {
      days += 1;
      minutes += DAY;
    }
    previous = minutes;
    const start = atWallClock(draft.date.date, slot.start, draft.timezone, days);
    if (!slot.end) return { start };
    const crossesMidnight = minutesOf(slot.end) < minutesOf(slot.start);
    return { start, end: atWallClock(draft.date.date, slot.end, draft.timezone, days + (crossesMidnight ? 1 : 0)) };
  });
}

function eventStart(draft: EventDraft, placed: Placed[], warn: (finding: Finding) => void): DateTime {
  const { date, time } = draft.date;
  if (time) {
    checkOffset('date', draft.date, draft.timezone, warn);
    return atWallClock(date, time, draft.timezone);
  }
  const first = placed.find((slot) => slot.start)?.start;
  if (first) return first;
  warn({
    field: 'date',
    message: `"${draft.date.raw}" has no time and no programme line has one, so the event is read as starting at midnight`,
    fix: `write the start time, e.g. date: ${formatDate(date)}T19:00`,
  });
  return atWallClock(date, { hour: 0, minute: 0 }, draft.timezone);
}

/** A written offset is only a check: the wall-clock time in the community zone wins. */
function checkOffset(field: string, written: WrittenDate, zone: string, warn: (finding: Finding) => void): void {
  if (written.offsetMinutes === undefined || !written.time) return;
  const zoneOffset = zoneOffsetAt(written.date, written.time, zone);
  if (zoneOffset === written.offsetMinutes) return;
  const wall = `${formatDate(written.date)} ${formatTime(written.time)}`;
  const instant = atWallClock(written.date, written.time, zone).toISO({ suppressMilliseconds: true });
  warn({
    field,
    message:
      `"${written.raw}" carries the offset ${formatOffset(written.offsetMinutes)}, but ${zone} is at ${formatOffset(zoneOffset)} ` +
      `on ${wall}; read as ${wall} ${zone} (${instant}): the wall-clock time wins`,
    fix: `write the time without an offset: ${field}: ${formatDate(written.date)}T${formatTime(written.time)}`,
  });
}

/** `end: 21:30` is on the event's day, or the next one when earlier than the start. */
function endInstant(draft: EventDraft, end: WrittenEnd, start: DateTime, warn: (finding: Finding) => void): DateTime | undefined {
  if ('time' in end) {
    const sameDay = atWallClock(draft.date.date, end.time, draft.timezone);
    return sameDay > start ? sameDay : atWallClock(draft.date.date, end.time, draft.timezone, 1);
  }
  if (!end.date.time) return undefined;
  checkOffset('end', end.date, draft.timezone, warn);
  return atWallClock(end.date.date, end.date.time, draft.timezone);
}

/** An open-ended line lasts until the next one starts; the last until the event's end, else 45 min. */
function closeOpenSlots(placed: Placed[], writtenEnd: DateTime | undefined): void {
  placed.forEach((slot, i) => {
    const start = slot.start;
    if (!start || slot.end) return;
    const next = placed.slice(i + 1).find((later) => later.start && later.start > start)?.start;
    const fallback = writtenEnd && writtenEnd > start ? writtenEnd : start.plus(OPEN_ENDED_LAST_SLOT);
    slot.end = next ?? fallback;
  });
}

function eventEnd(start: DateTime, writtenEnd: DateTime | undefined, placed: Placed[], warn: (finding: Finding) => void): DateTime {
  const latest = placed.reduce<DateTime | undefined>((max, slot) => (slot.end && (!max || slot.end > max) ? slot.end : max), undefined);
  const end = writtenEnd ?? latest;
  if (!end) return start.plus(DEFAULT_LENGTH);
  if (end > start) return end;
  warn({
    field: writtenEnd ? 'end' : undefined,
    message: `the event ends (${end.toISO({ suppressMilliseconds: true })}) before it starts (${start.toISO({ suppressMilliseconds: true })}); read as lasting 3 hours`,
    fix: `check the date and end times (e.g. date: ${DATE_EXAMPLE}, end: "21:30")`,
  });
  return start.plus(DEFAULT_LENGTH);
}

function toSlot(draft: DraftSlot, placed: Placed): Slot {
  const minutes = placed.start && placed.end ? placed.end.diff(placed.start, 'minutes').minutes : undefined;
  const kind = draft.kind ?? classifySlot({ ...draft, minutes });
  return {
    ...optional('start', placed.start),
    ...optional('end', placed.end),
    title: draft.title,
    kind,
    speakers: draft.speakers,
    ...optional('abstract', draft.abstract),
  };
}

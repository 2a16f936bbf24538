import type { DateTime } from 'luxon';
import type { MeetupEvent, Slot } from '../event.ts';
import type { DraftSlot, EventDraft, WrittenEnd } from './draft.ts';
import { numberFromTitle } from './draft.ts';
import type { Finding } from './problems.ts';
import { classifySlot } from './slotKind.ts';
import { checkSlotTimes, type Placed } from './slotTimes.ts';
import { formatTime, minutesOf, type TimeOfDay } from './timeOfDay.ts';
import { atWallClock, DATE_EXAMPLE, formatDate, formatOffset, zoneOffsetAt, type WrittenDate } from './wallClock.ts';

/**
 * The time rules, for both formats: wall-clock times are read in the community zone and become
 * UTC instants; programme times fall on the event's day. A time earlier than the one before it
 * has crossed midnight only when that makes a plausible night (see MAX_OVERNIGHT): `23h30-00h30`
 * is a late party, `19h30-19h20` a typo, reported rather than read as lasting until the next day.
 */
const OPEN_ENDED_LAST_SLOT = { minutes: 45 };
const DEFAULT_LENGTH = { hours: 3 };
const DAY = 24 * 60;
/** Longest slot, or gap between two slot starts, that may run past midnight (minutes). */
const MAX_OVERNIGHT = 6 * 60;
/** Longest meetup whose written `end` may fall on the next day. */
const MAX_OVERNIGHT_EVENT = { hours: 12 };

export function buildEvent(draft: EventDraft, warn: (finding: Finding) => void): MeetupEvent {
  const placed = placeSlots(draft, warn);
  const start = eventStart(draft, placed, warn);
  const writtenEnd = draft.end && endInstant(draft, draft.end, start, warn);
  closeOpenSlots(placed, writtenEnd);
  checkSlotTimes(draft.slots, placed, { start, timed: draft.date.time !== undefined, zone: draft.timezone }, warn);
  const untimed = draft.slots.some((slot) => !slot.start);
  const end = eventEnd(start, writtenEnd, placed, untimed, warn);
  // Built field by field, in the order the JSON export shows them: spreading each optional field
  // into the event copied a small object per field, for every event loaded.
  const number = draft.number ?? numberFromTitle(draft.title);
  const event: Partial<MeetupEvent> = { id: draft.id };
  if (number !== undefined) event.number = number;
  event.title = draft.title;
  event.start = start;
  event.end = end;
  event.timezone = draft.timezone;
  if (draft.venue !== undefined) event.venue = draft.venue;
  if (draft.online !== undefined) event.online = draft.online;
  if (draft.url !== undefined) event.url = draft.url;
  if (draft.description !== undefined) event.description = draft.description;
  event.slots = draft.slots.map((slot, i) => toSlot(slot, placed[i] ?? {}));
  event.warnings = [];
  event.source = draft.source;
  return event as MeetupEvent;
}

function placeSlots(draft: EventDraft, warn: (finding: Finding) => void): Placed[] {
  let days = 0;
  let previous: number | undefined;
  return draft.slots.map((slot) => {
    if (!slot.start) return {};
    let minutes = minutesOf(slot.start) + days * DAY;
    if (previous !== undefined && minutes < previous && minutes + DAY - previous <= MAX_OVERNIGHT) {
      days += 1;
      minutes += DAY;
    }
    previous = minutes;
    const start = atWallClock(draft.date.date, slot.start, draft.timezone, days);
    const endDays = slot.end && endDay(slot, warn);
    if (!slot.end || endDays === undefined) return { start };
    return { start, end: atWallClock(draft.date.date, slot.end, draft.timezone, days + endDays) };
  });
}

/** 0 when the end is after the start, 1 when it is a plausible night past midnight; else reported. */
function endDay(slot: DraftSlot, warn: (finding: Finding) => void): number | undefined {
  const [start, end] = [slot.start as TimeOfDay, slot.end as TimeOfDay];
  const length = minutesOf(end) - minutesOf(start);
  if (length > 0) return 0;
  if (length + DAY <= MAX_OVERNIGHT) return 1;
  warn({
    ...(slot.line === undefined ? {} : { line: slot.line }),
    message: `the slot "${slot.title}" (${formatTime(start)}-${formatTime(end)}) ends before it starts; its end is ignored, so it lasts until the next slot starts`,
    fix: `write an end after the start; a slot may run past midnight (23:30-00:30) by up to ${MAX_OVERNIGHT / 60} hours`,
  });
  return undefined;
}

function eventStart(draft: EventDraft, placed: Placed[], warn: (finding: Finding) => void): DateTime {
  const { date, time } = draft.date;
  if (time) {
    checkOffset('date', draft.date, draft.timezone, warn);
    return atWallClock(date, time, draft.timezone);
  }
  const first = earliest(placed.flatMap((slot) => (slot.start ? [slot.start] : [])));
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

const earliest = (instants: DateTime[]): DateTime | undefined =>
  instants.reduce<DateTime | undefined>((min, instant) => (!min || instant < min ? instant : min), undefined);

/**
 * `end: 21:30` is on the event's day, or the next one when earlier than the start and the night
 * stays plausible (`end: "01:30"` after 22:00); an end hours before the start is reported and ignored.
 */
function endInstant(
  draft: EventDraft,
  end: WrittenEnd,
  start: DateTime,
  warn: (finding: Finding) => void,
): DateTime | undefined {
  if ('time' in end) {
    const sameDay = atWallClock(draft.date.date, end.time, draft.timezone);
    if (sameDay > start) return sameDay;
    const nextDay = atWallClock(draft.date.date, end.time, draft.timezone, 1);
    if (nextDay <= start.plus(MAX_OVERNIGHT_EVENT)) return nextDay;
    warn({
      field: 'end',
      message: `"${formatTime(end.time)}" is before the start (${start.setZone(draft.timezone).toFormat('HH:mm')}); ignored, so the meetup ends with its last slot`,
      fix: `write the time the meetup ends; it may be past midnight (end: "01:30") if the meetup lasts at most ${MAX_OVERNIGHT_EVENT.hours} hours`,
    });
    return undefined;
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
    // The fallback only when there is no next start: start.plus() builds a DateTime, costly per slot.
    slot.end = next ?? (writtenEnd && writtenEnd > start ? writtenEnd : start.plus(OPEN_ENDED_LAST_SLOT));
  });
}

/** Talks without times come after the timed slots: the meetup then lasts at least the default length. */
function eventEnd(
  start: DateTime,
  writtenEnd: DateTime | undefined,
  placed: Placed[],
  untimed: boolean,
  warn: (finding: Finding) => void,
): DateTime {
  const latest = placed.reduce<DateTime | undefined>(
    (max, slot) => (slot.end && (!max || slot.end > max) ? slot.end : max),
    undefined,
  );
  const byDefault = untimed && latest ? start.plus(DEFAULT_LENGTH) : undefined;
  const end = writtenEnd ?? (byDefault && latest && latest < byDefault ? byDefault : latest);
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
  const minutes = placed.start && placed.end ? (placed.end.toMillis() - placed.start.toMillis()) / 60_000 : undefined;
  const kind =
    draft.kind ?? classifySlot({ title: draft.title, speakers: draft.speakers, abstract: draft.abstract, minutes });
  // Built field by field rather than spread: this runs for every slot of every file loaded.
  const slot: Partial<Slot> = {};
  if (placed.start) slot.start = placed.start;
  if (placed.end) slot.end = placed.end;
  Object.assign(slot, { title: draft.title, kind, speakers: draft.speakers });
  if (draft.abstract !== undefined) slot.abstract = draft.abstract;
  if (draft.placeholder !== undefined) slot.placeholder = draft.placeholder;
  return slot as Slot;
}

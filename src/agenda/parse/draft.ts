import type { MeetupEvent, SlotKind, Speaker } from '../event.ts';
import type { Finding } from './problems.ts';
import { parseTimeOfDay, type TimeOfDay } from './timeOfDay.ts';
import { DATE_EXAMPLE, readWrittenDate, type WrittenDate } from './wallClock.ts';

/**
 * An event as read from either format, before its times become instants: Markdown and YAML
 * files both end here, so the time rules live in one place (timeline.ts).
 */
export interface DraftSlot {
  start?: TimeOfDay;
  end?: TimeOfDay;
  title: string;
  /** Only when the file says so (YAML `kind:`); otherwise classified. */
  kind?: SlotKind;
  speakers: Speaker[];
  abstract?: string;
  /** A talk not named yet (see Slot.placeholder). */
  placeholder?: true;
  /** Where the slot is written in its file, for warnings. */
  line?: number;
}

/** `end:` is a time on the event's day (`21:30`) or a full date-time. */
export type WrittenEnd = { time: TimeOfDay } | { date: WrittenDate };

export interface EventDraft {
  id: string;
  source: string;
  timezone: string;
  title: string;
  number?: number;
  date: WrittenDate;
  end?: WrittenEnd;
  venue?: string;
  online?: string;
  url?: string;
  description?: string;
  slots: DraftSlot[];
}

/** What `number:` must be, in YAML events and Markdown front matter: meetups count from #1, so 0 is none. */
export const MEETUP_NUMBER = 'a meetup number: a whole number from 1';

/** `#4 Site Reliability…` → 4, `Meetup #12` → 12, `Meetup n°7` → 7. */
export function numberFromTitle(title: string): number | undefined {
  const match = /#\s?(\d{1,4})\b/.exec(title) ?? /\bmeetup\s+(?:n[°o]\.?\s?)?(\d{1,3})\b/i.exec(title);
  return match ? Number(match[1]) : undefined;
}

/** `end:` is a time (`21:30`, `21h30`) on the event's day, or a full date-time. */
export function readWrittenEnd(value: unknown, timezone: string, problems: Finding[]): WrittenEnd | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const time = typeof value === 'string' ? parseTimeOfDay(value) : undefined;
  if (time && time !== 'invalid') return { time };
  const date = readWrittenDate(value, timezone);
  if (date?.time) return { date };
  problems.push({
    field: 'end',
    message: `found ${JSON.stringify(value)}, which is neither a time nor a date and time`,
    fix: `write end: "21:30", or end: ${DATE_EXAMPLE.replace('19:00', '21:30')}`,
  });
  return undefined;
}

/** Lines of the fields that tell one meetup from another, to name both when two collide. */
export interface EventLines {
  number?: number;
  date?: number;
}

/** One meetup read from a file; a page listing several meetups gives one each. */
export interface EventReading {
  event: MeetupEvent;
  warnings: Finding[];
  lines: EventLines;
}

/** What reading one file gave, before problems are tied to the file name. */
export type FileReading =
  | { kind: 'event'; event: MeetupEvent; warnings: Finding[]; lines: EventLines; more?: EventReading[] }
  | { kind: 'not-event'; reason: string }
  | { kind: 'error'; problems: Finding[]; warnings: Finding[] };

export interface FileInput {
  id: string;
  path: string;
  text: string;
  timezone: string;
}

/** A finding about a field written on one line (`date:`, `end:`, `venue:`) gets that line. */
export function locate(findings: Finding[], lineOf: (path: readonly PropertyKey[]) => number | undefined): Finding[] {
  return findings.map((finding) =>
    finding.line !== undefined || !finding.field ? finding : { ...finding, ...lineIfKnown(lineOf([finding.field])) },
  );
}

const lineIfKnown = (line: number | undefined): { line?: number } => (line === undefined ? {} : { line });

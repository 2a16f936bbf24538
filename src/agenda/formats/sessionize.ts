import { z } from 'zod';
import type { SlotKind, Speaker } from '../event.ts';
import { classifySlot } from '../parse/slotKind.ts';
import type { Finding } from '../parse/problems.ts';
import { byDay, scheduleEvents, stemOf, type Talk } from './conference.ts';
import { jsonIssues } from './jsonText.ts';
import { leftOut, type FormatInput, type FormatReading } from './reading.ts';
import type { WallClock } from './zoneClock.ts';

/**
 * Sessionize's "All Data" export (`/api/v2/<id>/view/All`): sessions, speakers and rooms side by
 * side, linked by id. Times are wall clock without an offset, in the event's zone: read in the
 * community's. Sessions not yet scheduled (`startsAt: null`) are left out, with one warning; a
 * session that does not read (a time written another way, no title) is left out with a warning
 * naming its field and line, and the rest of the programme is shown.
 */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const localTime = z.string().regex(LOCAL_TIME, 'expected a local date and time like 2026-10-07T09:30:00');
const id = z.union([z.string(), z.number()]).transform(String);
const session = z.object({
  id,
  title: z.string().min(1),
  description: z.string().nullish(),
  startsAt: localTime.nullable(),
  endsAt: localTime.nullable(),
  isServiceSession: z.boolean().default(false),
  speakers: z.array(id).default([]),
  roomId: id.nullish(),
});
const link = z.object({ linkType: z.string().nullish(), url: z.string().nullish() });
const speaker = z.object({
  id,
  fullName: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  bio: z.string().nullish(),
  tagLine: z.string().nullish(),
  links: z.array(link).default([]),
});
export const sessionizeSchema = z.object({
  // Each session is checked on its own (readSessionize): one bad session leaves out only itself.
  sessions: z.array(z.unknown()),
  speakers: z.array(speaker).default([]),
  rooms: z.array(z.object({ id, name: z.string() })).default([]),
});

export const isSessionize = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { sessions?: unknown }).sessions) &&
  Array.isArray((value as { speakers?: unknown }).speakers);

export function readSessionize(input: FormatInput, value: unknown): FormatReading {
  const parsed = sessionizeSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { kind: 'error', problems: jsonIssues(input.text, parsed.error) };
  const { speakers, rooms } = parsed.data;
  const { sessions, problems } = readSessions(input.text, parsed.data.sessions);
  const people = new Map(speakers.map((person) => [person.id, toSpeaker(person)]));
  const roomNames = new Map(rooms.map((room) => [room.id, room.name]));
  const warnings: Finding[] = [...problems];
  const scheduled = sessions.filter((one) => one.startsAt && one.endsAt);
  // Nothing left to show: the file is wrong, not one of its sessions.
  if (scheduled.length === 0 && problems.length > 0) return { kind: 'error', problems };
  if (scheduled.length < sessions.length) {
    warnings.push({
      message: `${sessions.length - scheduled.length} session(s) have no time yet (startsAt: null) and are not shown`,
      fix: 'schedule them in Sessionize, then export again',
    });
  }
  const talks = scheduled.map((one): Talk => {
    const room = one.roomId === null || one.roomId === undefined ? undefined : roomNames.get(one.roomId);
    return {
      start: input.zoneClock.instant(wall(one.startsAt as string), input.timezone),
      end: input.zoneClock.instant(wall(one.endsAt as string), input.timezone),
      title: one.title.trim(),
      ...(room ? { room } : {}),
      speakers: one.speakers.flatMap((key) => people.get(key) ?? []),
      ...(one.description?.trim() ? { abstract: one.description.trim() } : {}),
      ...(one.isServiceSession ? { kind: serviceKind(one.title) } : {}),
    };
  });
  const stem = stemOf(input.path);
  return {
    kind: 'events',
    events: scheduleEvents({
      stem,
      title: stem,
      zone: input.timezone,
      days: byDay(talks, input.timezone, input.zoneClock),
      source: input.path,
    }),
    warnings,
  };
}

type Session = z.infer<typeof session>;

/** The sessions that read, and one warning (with its field and line) for each that does not. */
function readSessions(text: string, raw: readonly unknown[]): { sessions: Session[]; problems: Finding[] } {
  const sessions: Session[] = [];
  const problems: Finding[] = [];
  raw.forEach((value, index) => {
    const parsed = session.safeParse(value, { reportInput: true });
    if (parsed.success) return void sessions.push(parsed.data);
    const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['sessions', index, ...issue.path] }));
    const [first] = jsonIssues(text, { issues });
    const title = (value as { title?: unknown } | null)?.title;
    if (first) problems.push(leftOut(first, { kind: 'session', title, fix: FIX_SESSION }));
  });
  return { sessions, problems };
}

const FIX_SESSION = 'correct this session in Sessionize (or in the file), then export again';

/** A service session (registration, lunch, closing words) is never a talk: its title says which kind. */
function serviceKind(title: string): SlotKind {
  const kind = classifySlot({ title, speakers: [] });
  return kind === 'talk' || kind === 'lightning' ? 'news' : kind;
}

function wall(text: string): WallClock {
  const [, year, month, day, hour, minute, second] = LOCAL_TIME.exec(text) as RegExpExecArray;
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
  };
}

function toSpeaker(person: z.infer<typeof speaker>): Speaker {
  const name = person.fullName?.trim() || [person.firstName, person.lastName].filter(Boolean).join(' ').trim();
  const handle = person.links
    .map((one) => /(?:twitter\.com|x\.com)\/@?([\w.-]+)/.exec(one.url ?? '')?.[1])
    .find(Boolean);
  return {
    name,
    ...(handle ? { handle } : {}),
    ...(person.tagLine?.trim() ? { affiliation: person.tagLine.trim() } : {}),
    ...(person.bio?.trim() ? { bio: person.bio.trim() } : {}),
  };
}

import { z } from 'zod';
import type { Speaker } from '../event.ts';
import type { Finding } from '../parse/problems.ts';
import { slug, stemOf, type ScheduleDay, type Talk } from './conference.ts';
import { issueText, pathText } from '../../config/problems.ts';
import {
  DURATION_EXPECTED,
  DURATION_TEXT,
  frabReading,
  frabTalk,
  isFinding,
  scheduleZone,
  START_TEXT,
  talkLeftOut,
  type FrabSession,
} from './frabCommon.ts';
import { jsonIssues, jsonLineOf } from './jsonText.ts';
import type { FormatInput, FormatReading } from './reading.ts';
import type { ZoneClock } from './zoneClock.ts';

/**
 * The `schedule.json` that pretalx and frab publish: days → rooms → talks. Loose objects: the
 * exports carry many fields we do not show (links, recording licence, feedback URLs…). A talk that
 * does not read is left out with a warning naming its field, line and title; the file is an error
 * only when no talk is left.
 */
const text = z.string();
const person = z
  .object({ name: text.optional(), public_name: text.optional(), biography: text.nullish() })
  .refine((p) => p.name ?? p.public_name, {
    message: 'expected a person with a name or public_name',
  });
const talk = z.object({
  date: text.optional(),
  start: text.regex(START_TEXT, 'expected a start HH:MM like "09:30"'),
  duration: text.regex(DURATION_TEXT, DURATION_EXPECTED),
  title: text.min(1),
  room: text.optional(),
  type: text.nullish(),
  abstract: text.nullish(),
  description: text.nullish(),
  persons: z.array(person).default([]),
});
const day = z.object({
  index: z.number().optional(),
  date: text.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like 2026-10-07'),
  // Each talk is checked on its own (readTalk): one bad talk leaves out only itself.
  rooms: z.record(text, z.array(z.unknown())),
});
export const frabJsonSchema = z.object({
  schedule: z.object({
    url: text.optional(),
    conference: z.object({
      acronym: text.optional(),
      title: text.min(1),
      time_zone_name: text.optional(),
      days: z.array(day),
    }),
  }),
});

/** A JSON with `schedule.conference`: the frab family, whatever else it carries. */
export const isFrabJson = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { schedule?: { conference?: unknown } }).schedule?.conference === 'object';

export function readFrabJson(input: FormatInput, value: unknown): FormatReading {
  const parsed = frabJsonSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { kind: 'error', problems: jsonIssues(input.text, parsed.error) };
  const { conference, url } = parsed.data.schedule;
  const warnings: Finding[] = [];
  const zone = scheduleZone(conference.time_zone_name, input.timezone, (finding) => warnings.push(finding));
  const { days, leftOut } = readDays(input, conference.days, zone);
  const stem = conference.acronym ? slug(conference.acronym) : stemOf(input.path);
  const schedule = { stem, title: conference.title, zone, days, source: input.path, ...(url ? { url } : {}) };
  return frabReading(schedule, leftOut, warnings);
}

/** Each day's talks that read, and one finding (field, line, title) for each talk that does not. */
function readDays(
  input: FormatInput,
  jsonDays: z.infer<typeof day>[],
  zone: string,
): { days: ScheduleDay[]; leftOut: Finding[] } {
  // Positions cost a second parse of the whole text: only when a talk is left out, and once.
  let lines: ReturnType<typeof jsonLineOf> | undefined;
  const lineOf = (path: readonly PropertyKey[]) => (lines ??= jsonLineOf(input.text))(path);
  const leftOut: Finding[] = [];
  const days = jsonDays.map(({ date, rooms }, i): ScheduleDay => {
    const talks: Talk[] = [];
    for (const [room, sessions] of Object.entries(rooms)) {
      for (const [j, value] of sessions.entries()) {
        const found = readTalk(value, date, zone, input.zoneClock);
        if (!isProblem(found)) talks.push(found);
        else {
          const path = ['schedule', 'conference', 'days', i, 'rooms', room, j, ...found.path];
          const line = lineOf(path);
          const finding = { field: pathText(path), ...(line === undefined ? {} : { line }), message: found.message };
          leftOut.push(talkLeftOut(finding, (value as { title?: unknown } | null)?.title));
        }
      }
    }
    return { date, talks };
  });
  return { days, leftOut };
}

/** What is wrong with one talk, its path relative to the talk. */
interface TalkProblem {
  path: PropertyKey[];
  message: string;
}
const isProblem = (value: Talk | TalkProblem): value is TalkProblem => 'path' in value;

function readTalk(value: unknown, date: string, zone: string, zoneClock: ZoneClock): Talk | TalkProblem {
  const parsed = talk.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    return { path: issue.path, message: issueText(issue) };
  }
  const found = frabTalk(toSession(parsed.data), date, zone, zoneClock);
  return isFinding(found) ? { path: [found.field ?? 'date'], message: found.message } : found;
}

type JsonTalk = z.infer<typeof talk>;

function toSession(session: JsonTalk): FrabSession {
  const speakers = session.persons.map((p): Speaker => ({
    name: (p.public_name ?? p.name) as string,
    ...(p.biography?.trim() ? { bio: p.biography.trim() } : {}),
  }));
  const abstract = session.abstract?.trim() || session.description?.trim();
  const { date, start, duration, title, room, type } = session;
  return {
    start,
    duration,
    title,
    speakers,
    ...(date ? { date } : {}),
    ...(room ? { room } : {}),
    ...(type ? { type } : {}),
    ...(abstract ? { abstract } : {}),
  };
}

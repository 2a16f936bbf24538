import { z } from 'zod';
import type { Speaker } from '../event.ts';
import type { Finding } from '../parse/problems.ts';
import { scheduleEvents, slug, stemOf, type ScheduleDay, type Talk } from './conference.ts';
import { pathText } from '../../config/problems.ts';
import {
  DURATION_EXPECTED,
  DURATION_TEXT,
  frabTalk,
  isFinding,
  scheduleZone,
  START_TEXT,
  type FrabSession,
} from './frabCommon.ts';
import { jsonIssues, jsonLineOf } from './jsonText.ts';
import type { FormatInput, FormatReading } from './reading.ts';

/**
 * The `schedule.json` that pretalx and frab publish: days → rooms → talks. Loose objects: the
 * exports carry many fields we do not show (links, recording licence, feedback URLs…).
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
  rooms: z.record(text, z.array(talk)),
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
  const days: ScheduleDay[] = [];
  for (const [i, { date, rooms }] of conference.days.entries()) {
    const talks: Talk[] = [];
    for (const [room, sessions] of Object.entries(rooms)) {
      for (const [j, session] of sessions.entries()) {
        const found = frabTalk(toSession(session), date, zone, input.zoneClock);
        if (!isFinding(found)) talks.push(found);
        else
          return {
            kind: 'error',
            problems: [located(input.text, found, ['schedule', 'conference', 'days', i, 'rooms', room, j, 'date'])],
          };
      }
    }
    days.push({ date, talks });
  }
  const stem = conference.acronym ? slug(conference.acronym) : stemOf(input.path);
  const events = scheduleEvents({
    stem,
    title: conference.title,
    zone,
    days,
    source: input.path,
    ...(url ? { url } : {}),
  });
  return { kind: 'events', events, warnings };
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

function located(text: string, finding: Finding, path: PropertyKey[]): Finding {
  const line = jsonLineOf(text)(path);
  return { ...finding, field: pathText(path), ...(line === undefined ? {} : { line }) };
}

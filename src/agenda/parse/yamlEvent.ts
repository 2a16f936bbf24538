import { z } from 'zod';
import { closest, issueText, pathText } from '../../config/problems.ts';
import type { Speaker } from '../event.ts';
import {
  locate,
  MEETUP_NUMBER,
  numberFromTitle,
  readWrittenEnd,
  type DraftSlot,
  type EventDraft,
  type FileInput,
  type FileReading,
} from './draft.ts';
import type { Finding } from './problems.ts';
import { parseSpeaker } from './speakers.ts';
import { buildEvent } from './timeline.ts';
import { parseTimeOfDay, parseTimeRange } from './timeOfDay.ts';
import { DATE_EXAMPLE, readWrittenDate } from './wallClock.ts';
import { readYamlText } from './yamlText.ts';

/**
 * The plain YAML event, for organisers writing from scratch. Strict: an unknown key is an error, so
 * a typo (`venu:`) is never silently dropped. Times are checked here, so a bad one is reported with
 * its path (`slots[2].time`).
 */
const isTimeRange = (value: string): boolean => typeof parseTimeRange(value) === 'object';
const isTime = (value: string): boolean => typeof parseTimeOfDay(value) === 'object';
const isEnd = (value: string): boolean => isTime(value) || readWrittenDate(value, 'UTC')?.time !== undefined;
const link = z
  .string({ error: 'expected a link' })
  .refine((value) => /^https?:\/\/\S+$/.test(value), { message: 'expected a link starting with https://' });
const text = z.string({ error: 'expected text' });

const speakerObject = z.strictObject(
  {
    name: z.string().min(1),
    handle: z.string().optional(),
    affiliation: z.string().optional(),
    bio: z.string().optional(),
  },
  { error: 'expected "Name (@handle)" or a map with name, handle, affiliation, bio' },
);
// A string speaker is read like a programme line's speaker, then checked as the map form.
const speaker = z.preprocess((value) => (typeof value === 'string' ? parseSpeaker(value) : value), speakerObject);

const slotSchema = z
  .strictObject({
    time: text.refine(isTimeRange, { message: 'expected HH:mm-HH:mm like "19:00-19:15"' }).optional(),
    start: text.refine(isTime, { message: 'expected HH:mm like "19:00"' }).optional(),
    end: text.refine(isTime, { message: 'expected HH:mm like "19:15"' }).optional(),
    title: z.string({ error: 'expected the title of the slot' }).min(1),
    kind: z.enum(['talk', 'lightning', 'welcome', 'break', 'food', 'news']).optional(),
    speakers: z.array(speaker).default([]),
    abstract: text.optional(),
  })
  .superRefine((slot, context) => {
    if (slot.time && (slot.start || slot.end))
      context.addIssue({ code: 'custom', path: ['time'], message: 'use either time or start/end, not both' });
    if (slot.end && !slot.start && !slot.time)
      context.addIssue({ code: 'custom', path: ['end'], message: 'an end needs a start' });
  });

const NUMBER_EXPECTED = `expected ${MEETUP_NUMBER} (number: 12)`;

export const yamlEventSchema = z.strictObject({
  title: z.string({ error: 'expected the title, in quotes when it starts with # (title: "#12 SRE Paris")' }).min(1),
  number: z
    .number({ error: NUMBER_EXPECTED })
    .int({ error: NUMBER_EXPECTED })
    .positive({ error: NUMBER_EXPECTED })
    .optional(),
  date: z.custom<string | Date>((value) => readWrittenDate(value, 'UTC') !== undefined, {
    message: `expected a date and time like ${DATE_EXAMPLE} (wall clock in the community zone)`,
  }),
  end: text
    .refine(isEnd, { message: 'expected a time like "21:30" or a date and time like 2026-12-09T21:30' })
    .optional(),
  venue: text.optional(),
  online: link.optional(),
  url: link.optional(),
  description: text.optional(),
  slots: z.array(slotSchema, { error: 'expected a list of slots (- time: …, title: …)' }).default([]),
});

type YamlEvent = z.infer<typeof yamlEventSchema>;

export function readYamlEvent(input: FileInput): FileReading {
  const read = readYamlText(input.text);
  if (!read.ok) return { kind: 'error', problems: read.problems, warnings: [] };
  const parsed = yamlEventSchema.safeParse(read.yaml.value, { reportInput: true });
  if (!parsed.success) return { kind: 'error', problems: issueFindings(parsed.error, read.yaml.lineOf), warnings: [] };
  const { lineOfField } = read.yaml;
  const problems: Finding[] = [];
  const end = readWrittenEnd(parsed.data.end, input.timezone, problems);
  const date = readWrittenDate(parsed.data.date, input.timezone);
  if (!date || problems.length > 0) return { kind: 'error', problems: locate(problems, lineOfField), warnings: [] };
  const warnings: Finding[] = [];
  const draft: EventDraft = {
    ...fields(parsed.data, lineOfField),
    id: input.id,
    source: input.path,
    timezone: input.timezone,
    date,
    end,
  };
  const event = buildEvent(draft, (warning) => warnings.push(warning));
  const lines = {
    number: lineOfField([parsed.data.number === undefined ? 'title' : 'number']),
    date: lineOfField(['date']),
  };
  return { kind: 'event', event, warnings: locate(warnings, lineOfField), lines };
}

type LineOf = (path: readonly PropertyKey[]) => number | undefined;

function fields(data: YamlEvent, lineOf: LineOf): Omit<EventDraft, 'id' | 'source' | 'timezone' | 'date' | 'end'> {
  const { title, online, url } = data;
  const [venue, description] = [data.venue?.trim(), data.description?.trim()];
  const slots = data.slots.map((slot, i) => toDraftSlot(slot, lineOf(['slots', i])));
  return { title, number: data.number ?? numberFromTitle(title), venue, online, url, description, slots };
}

function toDraftSlot(slot: YamlEvent['slots'][number], line: number | undefined): DraftSlot {
  const range = slot.time ? parseTimeRange(slot.time) : undefined;
  const start = typeof range === 'object' ? range.start : slot.start ? parseTimeOfDay(slot.start) : undefined;
  const end = typeof range === 'object' ? range.end : slot.end ? parseTimeOfDay(slot.end) : undefined;
  return {
    ...(typeof start === 'object' ? { start } : {}),
    ...(typeof end === 'object' ? { end } : {}),
    title: slot.title,
    ...(slot.kind ? { kind: slot.kind } : {}),
    speakers: slot.speakers.map(withoutEmptyFields),
    // A block scalar (`abstract: |`) ends with a newline that is not part of the text.
    ...(slot.abstract?.trim() ? { abstract: slot.abstract.trim() } : {}),
    ...(line === undefined ? {} : { line }),
  };
}

const withoutEmptyFields = (speaker: Speaker): Speaker =>
  Object.fromEntries(
    Object.entries(speaker).filter(([, value]) => value !== undefined && value !== ''),
  ) as unknown as Speaker;

/** zod issues as `slots[2].time: found "25:00", expected HH:mm-HH:mm like "19:00-19:15"`, with the line. */
function issueFindings(error: z.ZodError, lineOf: (path: readonly PropertyKey[]) => number | undefined): Finding[] {
  const findings = error.issues.flatMap((issue): Finding[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownKey(issue.path, key, lineOf));
    return [{ field: pathText(issue.path) || undefined, line: lineOf(issue.path), message: issueText(issue) }];
  });
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function unknownKey(
  path: readonly PropertyKey[],
  key: string,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): Finding {
  const knownHere = knownKeys(path);
  const guess = closest(key, knownHere);
  return {
    field: pathText([...path, key]),
    line: lineOf([...path, key]),
    message: `unknown field "${key}"`,
    fix: guess
      ? `did you mean "${guess}"? (known fields: ${knownHere.join(', ')})`
      : `known fields: ${knownHere.join(', ')}`,
  };
}

/** The keys allowed where the unknown one was written: at the top, in a slot, or in a speaker. */
function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.includes('speakers')) return Object.keys(speakerObject.shape);
  if (path.includes('slots')) return Object.keys(slotSchema.shape);
  return Object.keys(yamlEventSchema.shape);
}

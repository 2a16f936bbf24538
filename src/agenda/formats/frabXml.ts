import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Speaker } from '../event.ts';
import type { Finding } from '../parse/problems.ts';
import { slug, stemOf, type ScheduleDay, type Talk } from './conference.ts';
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
import { errorReading, lineAt, type FormatInput, type FormatReading } from './reading.ts';

/**
 * frab's `schedule.xml` (also published by pretalx): `<day>` → `<room>` → `<event>`. Sessions stay
 * in the `<day>` that lists them, so a day running past midnight keeps its late sessions, dated the
 * next day, in its own programme. An `<event>` that does not read is left out with a warning naming
 * its field, line and title; the file is an error only when no talk is left.
 */
const LISTS = new Set([
  'schedule.day',
  'schedule.day.room',
  'schedule.day.room.event',
  'schedule.day.room.event.persons.person',
]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => LISTS.has(String(jpath)),
});

type Node = Record<string, unknown>;
const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string')
    return (value as Node)['#text'] as string;
  return undefined;
};
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);

/** An XML whose root is `<schedule>` with `<day>` elements. */
export function isFrabXml(text: string): boolean {
  return /<schedule[\s>]/.test(text.slice(0, 2000));
}

export function readFrabXml(input: FormatInput): FormatReading {
  const valid = XMLValidator.validate(input.text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    return {
      kind: 'error',
      problems: [
        {
          line,
          message: `not well-formed XML: ${msg}`,
          fix: 'close each element in the order it was opened, or export the file again',
        },
      ],
    };
  }
  const schedule = (parser.parse(input.text) as Node).schedule as Node | undefined;
  if (!schedule || !Array.isArray(schedule.day))
    return { kind: 'not-event', reason: 'an XML file that is not a frab schedule (no <schedule> with <day> elements)' };
  const conference = (schedule.conference ?? {}) as Node;
  const warnings: Finding[] = [];
  const zone = scheduleZone(textOf(conference.time_zone_name), input.timezone, (finding) => warnings.push(finding));
  const eventLines = lineStarts(input.text, /<event[\s>]/g);
  const dayLines = lineStarts(input.text, /<day[\s>]/g);
  const days: ScheduleDay[] = [];
  const leftOut: Finding[] = [];
  let index = 0;
  for (const [i, day] of nodes(schedule.day).entries()) {
    const date = String(day['@_date'] ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return errorReading(noDayDate(date, dayLines[i]));
    const talks: Talk[] = [];
    for (const room of nodes(day.room)) {
      for (const event of nodes(room.event)) {
        const found = readEvent(event, String(room['@_name'] ?? ''), date, zone, input);
        const line = eventLines[index++];
        if (!isFinding(found)) talks.push(found);
        else leftOut.push(talkLeftOut({ ...found, ...(line === undefined ? {} : { line }) }, textOf(event.title)));
      }
    }
    days.push({ date, talks });
  }
  const title = textOf(conference.title) ?? stemOf(input.path);
  const acronym = textOf(conference.acronym);
  const stem = acronym ? slug(acronym) : stemOf(input.path);
  return frabReading({ stem, title, zone, days, source: input.path }, leftOut, warnings);
}

/** A `<day>` without its date: the file, not one talk, is wrong (its talks have no day to go in). */
const noDayDate = (date: string, line: number | undefined): Finding => ({
  ...(line === undefined ? {} : { line }),
  field: 'day.date',
  message: `found ${date ? `"${date}"` : 'no date'}, expected <day date="2026-10-07">`,
});

function readEvent(event: Node, roomName: string, day: string, zone: string, input: FormatInput): Talk | Finding {
  const field = (name: string): string | undefined => textOf(event[name])?.trim() || undefined;
  const [start, duration, title] = [field('start') ?? '', field('duration') ?? '', field('title')];
  if (!title) return { field: 'title', message: 'missing: expected the title of the session' };
  if (!START_TEXT.test(start) && !field('date'))
    return { field: 'start', message: `found "${start}", expected a start HH:MM like "09:30"` };
  if (!DURATION_TEXT.test(duration)) return { field: 'duration', message: `found "${duration}", ${DURATION_EXPECTED}` };
  const persons = nodes((event.persons as Node | undefined)?.person);
  const speakers = persons.flatMap((person): Speaker[] =>
    textOf(person)?.trim() ? [{ name: (textOf(person) as string).trim() }] : [],
  );
  const [date, type, abstract] = [field('date'), field('type'), field('abstract') ?? field('description')];
  const session: FrabSession = {
    start,
    duration,
    title,
    speakers,
    room: field('room') ?? roomName,
    ...(date ? { date } : {}),
    ...(type ? { type } : {}),
    ...(abstract ? { abstract } : {}),
  };
  return frabTalk(session, day, zone, input.zoneClock);
}

/** Lines of each match, counted in one pass (the parser keeps no positions). */
function lineStarts(text: string, pattern: RegExp): number[] {
  let [line, from] = [1, 0];
  return [...text.matchAll(pattern)].map((match) => {
    line += lineAt(text.slice(from, match.index), match.index - from) - 1;
    from = match.index;
    return line;
  });
}

import { applyDetails, readDetailSections } from './details.ts';
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
import { readFrontMatter, type FrontMatter } from './frontMatter.ts';
import { isForm, meetupSections } from './markdown/multiEvent.ts';
import { sentenceStart } from './markdown/sentenceTimes.ts';
import { pageDate, type PageDate } from './markdown/pageDate.ts';
import { readPage, type PageLine } from './markdown/tree.ts';
import { readProgramme } from './markdownProgramme.ts';
import type { Finding } from './problems.ts';
import { buildEvent } from './timeline.ts';
import { DATE_EXAMPLE, formatDate, type WrittenDate } from './wallClock.ts';

const NO_DATE = 'it has no date (no `date` in its front matter, no line like "Date: 30 January, 2020 at 19:00")';
const NO_PROGRAMME = 'it has no programme (no line like "19h00-19h15 : Title", no list of talks)';
const A_FORM = 'it is a form with checkboxes (an issue or survey template), not a meetup page';

/** A page of the community's site: front matter for the when and where, the body for the programme. */
export function readMarkdownEvent(input: FileInput): FileReading {
  const read = readFrontMatter(input.text);
  if (!read.ok) return { kind: 'error', problems: read.problems, warnings: [] };
  const lines = readPage(read.frontMatter.body, read.frontMatter.bodyLine);
  if (isForm(lines)) return { kind: 'not-event', reason: A_FORM };
  const sections = meetupSections(lines);
  if (sections) return readSeveral(input, read.frontMatter, sections);
  const dated = pageDate(read.frontMatter.data, lines, input.timezone);
  if (!dated) return { kind: 'not-event', reason: NO_DATE };
  return readOne(input, read.frontMatter, lines, dated);
}

/** Each dated section is a meetup of its own, its id the file's followed by its day. */
function readSeveral(input: FileInput, frontMatter: FrontMatter, sections: PageLine[][]): FileReading {
  const readings = sections.flatMap((lines) => {
    const dated = pageDate({}, lines, input.timezone) as PageDate;
    const id = `${input.id}-${formatDate((dated.date as WrittenDate).date)}`;
    const reading = readOne({ ...input, id }, frontMatter, lines, dated);
    return reading.kind === 'not-event' ? [] : [reading];
  });
  const errors = readings.filter((reading) => reading.kind === 'error');
  if (errors.length > 0)
    return {
      kind: 'error',
      problems: errors.flatMap((error) => error.problems),
      warnings: errors.flatMap((error) => error.warnings),
    };
  const events = readings.filter((reading) => reading.kind === 'event');
  const [first, ...more] = events;
  if (!first) return { kind: 'not-event', reason: NO_PROGRAMME };
  return more.length === 0 ? first : { ...first, more };
}

function readOne(input: FileInput, frontMatter: FrontMatter, lines: readonly PageLine[], dated: PageDate): FileReading {
  const { data, lineOf } = frontMatter;
  const programme = readProgramme(lines);
  const date = withSentenceStart(dated.date, programme.slots, lines);
  if (date && programme.problems.length === 0 && programme.slots.length === 0)
    return { kind: 'not-event', reason: NO_PROGRAMME };
  const warnings: Finding[] = [...(dated.warning ? [dated.warning] : []), ...programme.warnings];
  const header = readHeader(data, lines, input.timezone, warnings);
  const end = programme.end ?? dated.end;
  if (header.fields && !header.fields.end && end) header.fields.end = { time: end };
  const problems = [...(date ? [] : [badDate(dated.raw)]), ...programme.problems, ...header.problems];
  if (!date || !header.fields || problems.length > 0)
    return { kind: 'error', problems: locate(problems, lineOf), warnings: locate(warnings, lineOf) };
  applyDetails(programme.slots, readDetailSections(lines));
  const draft = draftOf(header.fields, input, date, programme.slots);
  const event = buildEvent(draft, (warning) => warnings.push(warning));
  // The number comes from `number:` when that one was valid, else from the title.
  const where = {
    number: lineOf([data.number === draft.number ? 'number' : 'title']),
    date: dated.line ?? lineOf(['date']),
  };
  return { kind: 'event', event, warnings: locate(warnings, lineOf), lines: where };
}

/**
 * The draft built field by field: spreading the header's optional fields into a new object went
 * through a generic copy each time, as costly as reading the rest of the page's header.
 */
function draftOf(fields: HeaderFields, input: FileInput, date: WrittenDate, slots: DraftSlot[]): EventDraft {
  const draft: EventDraft = {
    id: input.id,
    source: input.path,
    timezone: input.timezone,
    title: fields.title,
    date,
    slots,
  };
  if (fields.number !== undefined) draft.number = fields.number;
  if (fields.end !== undefined) draft.end = fields.end;
  if (fields.venue !== undefined) draft.venue = fields.venue;
  if (fields.online !== undefined) draft.online = fields.online;
  if (fields.url !== undefined) draft.url = fields.url;
  if (fields.description !== undefined) draft.description = fields.description;
  return draft;
}

/** A day without a time, and talks without times: the start may be said in a sentence. */
function withSentenceStart(
  date: WrittenDate | undefined,
  slots: readonly DraftSlot[],
  lines: readonly PageLine[],
): WrittenDate | undefined {
  if (!date || date.time || slots.some((slot) => slot.start)) return date;
  const time = sentenceStart(lines);
  return time ? { ...date, time } : date;
}

type HeaderFields = Pick<EventDraft, 'title' | 'number' | 'end' | 'venue' | 'online' | 'url' | 'description'>;

/** Our front-matter keys besides `date`; other Hugo keys (`bigimg`, `tags`…) are not ours and ignored. */
function readHeader(
  data: Record<string, unknown>,
  lines: readonly PageLine[],
  timezone: string,
  warnings: Finding[],
): { fields?: HeaderFields; problems: Finding[] } {
  const problems: Finding[] = [];
  const title = text(data, 'title', warnings) ?? firstHeading(lines);
  if (!title)
    problems.push({
      field: 'title',
      message: 'the event has no title (no `title` in the front matter, no # heading)',
      fix: 'add title: "#12 SRE Paris – Winter edition"',
    });
  const end = readWrittenEnd(data.end, timezone, problems);
  if (!title) return { problems };
  const fields: HeaderFields = {
    title,
    number: frontMatterNumber(data.number, warnings) ?? numberFromTitle(title),
    end,
    venue: text(data, 'venue', warnings),
    online: text(data, 'online', warnings),
    url: text(data, 'url', warnings),
    description: text(data, 'description', warnings),
  };
  return { fields, problems };
}

function badDate(value: unknown): Finding {
  return {
    field: 'date',
    message: `found ${JSON.stringify(value)}, which is not a date and time`,
    fix: `write the wall-clock start in the community's zone, like date: ${DATE_EXAMPLE}`,
  };
}

/** Our front-matter keys hold text; anything else (a list, a map) is reported and left out. */
function text(data: Record<string, unknown>, key: string, warnings: Finding[]): string | undefined {
  const value = data[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  warnings.push({
    field: key,
    message: `found ${JSON.stringify(value)}, expected text; ignored`,
    fix: `write ${key}: "…" on one line`,
  });
  return undefined;
}

/** `number: 12` may be written when the title has none (`#12`). */
function frontMatterNumber(value: unknown, warnings: Finding[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isInteger(value) && (value as number) > 0) return value as number;
  warnings.push({
    field: 'number',
    message: `found ${JSON.stringify(value)}, expected ${MEETUP_NUMBER}; the title's #N is used instead`,
    fix: 'write number: 12',
  });
  return undefined;
}

function firstHeading(lines: readonly PageLine[]): string | undefined {
  return lines.find((line) => line.kind === 'heading' && line.level === 1 && line.text !== '')?.text;
}

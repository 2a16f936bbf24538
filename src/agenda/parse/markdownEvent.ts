import { applyDetails, readDetailSections } from './details.ts';
import { locate, numberFromTitle, readWrittenEnd, type EventDraft, type FileInput, type FileReading } from './draft.ts';
import { readFrontMatter } from './frontMatter.ts';
import { readPage, type PageLine } from './markdown/tree.ts';
import { readProgramme } from './markdownProgramme.ts';
import type { Finding } from './problems.ts';
import { buildEvent } from './timeline.ts';
import { DATE_EXAMPLE, readWrittenDate } from './wallClock.ts';

const NO_DATE = 'its front matter has no `date`';
const NO_PROGRAMME = 'it has no programme (no line like "19h00-19h15 : Title", no list of talks)';

/** A page of the community's site: front matter for the when and where, the body for the programme. */
export function readMarkdownEvent(input: FileInput): FileReading {
  const read = readFrontMatter(input.text);
  if (!read.ok) return { kind: 'error', problems: read.problems, warnings: [] };
  const { data, body, bodyLine, lineOf } = read.frontMatter;
  if (data.date === undefined || data.date === null) return { kind: 'not-event', reason: NO_DATE };
  const lines = readPage(body, bodyLine);
  const programme = readProgramme(lines);
  const date = readWrittenDate(data.date, input.timezone);
  if (date && programme.problems.length === 0 && programme.slots.length === 0) return { kind: 'not-event', reason: NO_PROGRAMME };
  const warnings: Finding[] = [...programme.warnings];
  const header = readHeader(data, lines, input.timezone, warnings);
  if (header.fields && !header.fields.end && programme.end) header.fields.end = { time: programme.end };
  const problems = [...(date ? [] : [badDate(data.date)]), ...programme.problems, ...header.problems];
  if (!date || !header.fields || problems.length > 0) return { kind: 'error', problems: locate(problems, lineOf), warnings: locate(warnings, lineOf) };
  applyDetails(programme.slots, readDetailSections(lines));
  const draft: EventDraft = { ...header.fields, id: input.id, source: input.path, timezone: input.timezone, date, slots: programme.slots };
  const event = buildEvent(draft, (warning) => warnings.push(warning));
  // The number comes from `number:` when that one was valid, else from the title.
  const where = { number: lineOf([data.number === draft.number ? 'number' : 'title']), date: lineOf(['date']) };
  return { kind: 'event', event, warnings: locate(warnings, lineOf), lines: where };
}

type HeaderFields = Pick<EventDraft, 'title' | 'number' | 'end' | 'venue' | 'online' | 'url' | 'description'>;

/** Our front-matter keys besides `date`; other Hugo keys (`bigimg`, `tags`…) are not ours and ignored. */
function readHeader(data: Record<string, unknown>, lines: readonly PageLine[], timezone: string, warnings: Finding[]): { fields?: HeaderFields; problems: Finding[] } {
  const problems: Finding[] = [];
  const title = text(data, 'title', warnings) ?? firstHeading(lines);
  if (!title) problems.push({ field: 'title', message: 'the event has no title (no `title` in the front matter, no # heading)', fix: 'add title: "#12 SRE Paris – Winter edition"' });
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
  warnings.push({ field: key, message: `found ${JSON.stringify(value)}, expected text; ignored`, fix: `write ${key}: "…" on one line` });
  return undefined;
}

/** `number: 12` may be written when the title has none (`#12`). */
function frontMatterNumber(value: unknown, warnings: Finding[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isInteger(value) && (value as number) > 0) return value as number;
  warnings.push({ field: 'number', message: `found ${JSON.stringify(value)}, expected a whole number; the title's #N is used instead`, fix: 'write number: 12' });
  return undefined;
}

function firstHeading(lines: readonly PageLine[]): string | undefined {
  return lines.find((line) => line.kind === 'heading' && line.level === 1 && line.text !== '')?.text;
}

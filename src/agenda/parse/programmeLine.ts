import { leadingStrong, readPage, type PageLine } from './markdown/tree.ts';
import { readTimeRange, type TimeOfDay } from './timeOfDay.ts';

/**
 * One line of a programme: `* **19h00-19h15 :** Accueil`, `17:00 - 17:15: Title`, `#### 17:30 Greetings`,
 * `**5:30pm** - doors open`, or a time alone (`10h30 - 11h00`) whose title is on the next line.
 */
export type ProgrammeLine =
  { kind: 'slot'; start: TimeOfDay; end?: TimeOfDay; text: string } | { kind: 'bad-time'; found: string };

// Between the times and the title: spaces and `:`/`-`/`|` delimiters.
const DELIMITER = /^(?:\s|[:\-–—|])*/;

/** One line of Markdown source, read as the page would be (for tests and single lines). */
export function readProgrammeLine(line: string): ProgrammeLine | undefined {
  const [first] = readPage(line, 1);
  return first ? readSlotLine(first) : undefined;
}

/**
 * Each line is asked by the programme and by the detail sections: read once, the reading kept on
 * the line itself under a private key. A WeakMap did the same, but its hundreds of thousands of
 * entries per load of a large folder made every garbage collection trace them.
 */
const READING = Symbol('programme line reading');
type ReadLine = PageLine & { [READING]?: ProgrammeLine | null };

export function readSlotLine(line: PageLine): ProgrammeLine | undefined {
  const read = line as ReadLine;
  let reading = read[READING];
  if (reading === undefined) {
    reading = readOnce(line) ?? null;
    read[READING] = reading;
  }
  return reading ?? undefined;
}

function readOnce(line: PageLine): ProgrammeLine | undefined {
  if (line.kind === 'break') return undefined;
  const range = readTimeRange(line.text);
  if (!range) return undefined;
  const delimiter = (DELIMITER.exec(range.rest) as RegExpExecArray)[0];
  const text = range.rest.slice(delimiter.length).trim();
  if (!looksLikeProgramme(text, delimiter, isMarked(line) || range.end !== undefined)) return undefined;
  const start = range.start.time;
  const end = range.end?.time;
  if (!start) return { kind: 'bad-time', found: range.start.text };
  if (range.end && !end) return { kind: 'bad-time', found: range.end.text };
  return { kind: 'slot', start, end, text };
}

/** A heading, a list item's first line, or a line that opens with bold (`**5:30pm** - …`). */
const isMarked = (line: PageLine): boolean =>
  line.kind === 'heading' || (line.kind === 'item' && line.first) || leadingStrong(line) !== undefined;

/**
 * Prose can start with a time too ("18h c'est tôt"); a programme line has a list marker, a heading,
 * bold, a range of two times, an explicit delimiter, or nothing but the times.
 */
function looksLikeProgramme(text: string, delimiter: string, marked: boolean): boolean {
  return text === '' || marked || /[:\-–—|]/.test(delimiter);
}

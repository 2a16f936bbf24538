import { readTimeRange, type TimeOfDay } from './timeOfDay.ts';

/**
 * One line of a programme: `* **19h00-19h15 :** Accueil`, `17:00 - 17:15: Title`, `#### 17:30 Greetings`,
 * `**5:30pm** - doors open`, or a time alone (`10h30 - 11h00`) whose title is on the next line.
 */
export type ProgrammeLine =
  | { kind: 'slot'; start: TimeOfDay; end?: TimeOfDay; text: string }
  | { kind: 'bad-time'; found: string };

const PREFIX = /^\s{0,3}(?:#{1,6}\s+|(?:[*+-]|\d+[.)])\s+)?/;
const OPENING_EMPHASIS = /^(?:\*\*|__|\*|_)?/;
// Between the times and the title: spaces, `:`/`-`/`|` delimiters and closing emphasis (`:**`).
const DELIMITER = /^(?:\s|[:\-–—|]|\*\*|__)*/;

export function readProgrammeLine(line: string): ProgrammeLine | undefined {
  const prefix = (PREFIX.exec(line) as RegExpExecArray)[0];
  const afterPrefix = line.slice(prefix.length);
  const opening = (OPENING_EMPHASIS.exec(afterPrefix) as RegExpExecArray)[0];
  const range = readTimeRange(afterPrefix.slice(opening.length));
  if (!range) return undefined;
  const delimiter = (DELIMITER.exec(range.rest) as RegExpExecArray)[0];
  const text = range.rest.slice(delimiter.length).trim();
  if (!looksLikeProgramme(text, delimiter, prefix.trim() !== '' || opening !== '' || range.end !== undefined)) return undefined;
  const start = range.start.time;
  const end = range.end?.time;
  if (!start) return { kind: 'bad-time', found: range.start.text };
  if (range.end && !end) return { kind: 'bad-time', found: range.end.text };
  return { kind: 'slot', start, end, text };
}

/**
 * Prose can start with a time too ("18h c'est tôt"); a programme line has a list marker, a heading,
 * bold, a range of two times, an explicit delimiter, or nothing but the times.
 */
function looksLikeProgramme(text: string, delimiter: string, marked: boolean): boolean {
  return text === '' || marked || /[:\-–—|]/.test(delimiter);
}

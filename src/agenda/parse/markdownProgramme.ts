import type { DraftSlot } from './draft.ts';
import { isEndMarker, isPlaceholder, PLACEHOLDER_TITLE } from './markdown/slotMarkers.ts';
import { doorsSlot } from './markdown/sentenceTimes.ts';
import { readTalkList } from './markdown/talkList.ts';
import type { PageLine } from './markdown/tree.ts';
import { readSlotLine } from './programmeLine.ts';
import type { Finding } from './problems.ts';
import { titleAndSpeakers } from './speakers.ts';
import { formatTime, TIME_FORMS, type TimeOfDay } from './timeOfDay.ts';

export interface Programme {
  slots: DraftSlot[];
  problems: Finding[];
  warnings: Finding[];
  /** The time of an end marker (`21h30 : Fin`), the meetup's end when the front matter has none. */
  end?: TimeOfDay;
}

/**
 * The programme of a page: its time lines in order; failing those, a recap list of talks
 * (`* _Title_ par **Name** (@handle)`) without times.
 */
export function readProgramme(lines: readonly PageLine[]): Programme {
  const timed = readTimedLines(lines);
  if (timed.slots.length > 0 || timed.problems.length > 0) return timed;
  const talks = readTalkList(lines);
  const doors = talks.length > 0 ? doorsSlot(lines) : undefined;
  return { slots: doors ? [doors, ...talks] : talks, problems: [], warnings: [] };
}

function readTimedLines(lines: readonly PageLine[]): Programme {
  const programme: Programme = { slots: [], problems: [], warnings: [] };
  const { slots, problems } = programme;
  for (let i = 0; i < lines.length; i++) {
    const here = lines[i] as PageLine;
    const read = readSlotLine(here);
    if (!read) continue;
    const line = here.line;
    if (read.kind === 'bad-time') {
      problems.push(badTime(line, read.found, here.raw));
      continue;
    }
    let text = read.text;
    if (text === '') {
      const next = titleOnNextLine(lines, i + 1);
      if (!next) {
        problems.push({
          line,
          message: `"${here.raw}" has no title`,
          fix: 'write the title after the time (19h00-19h15 : Title) or on the next line',
        });
        continue;
      }
      text = next.text;
      i = next.index;
    }
    if (isEndMarker(text)) programme.end = read.start;
    else if (isPlaceholder(text)) slots.push(placeholder(read.start, read.end, text, line, programme.warnings));
    else slots.push({ start: read.start, end: read.end, ...titleAndSpeakers(text), line });
  }
  return programme;
}

function placeholder(
  start: TimeOfDay,
  end: TimeOfDay | undefined,
  text: string,
  line: number,
  warnings: Finding[],
): DraftSlot {
  warnings.push({
    line,
    message: `the slot at ${formatTime(start)} says "${text}": shown as to be announced`,
    fix: 'write its title and speaker when they are known',
  });
  return { start, end, title: PLACEHOLDER_TITLE, placeholder: true, speakers: [], line };
}

function badTime(line: number, found: string, text: string): Finding {
  return {
    line,
    message: `"${found}" is not a time of day (in "${text}")`,
    fix: `write times as ${TIME_FORMS}, ranges as 19h00-19h15`,
  };
}

/** A time alone on its line (`10h30 - 11h00`) takes the next non-empty line as its title. */
function titleOnNextLine(lines: readonly PageLine[], from: number): { text: string; index: number } | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as PageLine;
    if (line.text === '') continue;
    if (line.kind === 'break' || readSlotLine(line)) return undefined;
    return { text: line.text, index: i };
  }
  return undefined;
}

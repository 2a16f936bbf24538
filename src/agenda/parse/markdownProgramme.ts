import type { DraftSlot } from './draft.ts';
import { readLabel } from './details.ts';
import type { PageLine } from './markdown/tree.ts';
import { readSlotLine } from './programmeLine.ts';
import type { Finding } from './problems.ts';
import { leadingKind } from './slotKind.ts';
import { cleanTitle, splitTitleAndSpeakers } from './speakers.ts';
import { TIME_FORMS } from './timeOfDay.ts';

/**
 * The programme of a page: its time lines in order; failing those, a recap list of talks
 * (`* _Title_ par **Name** (@handle)`) without times.
 */
export function readProgramme(lines: readonly PageLine[]): { slots: DraftSlot[]; problems: Finding[] } {
  const timed = readTimedLines(lines);
  if (timed.slots.length > 0 || timed.problems.length > 0) return timed;
  return { slots: readTalkList(lines), problems: [] };
}

function readTimedLines(lines: readonly PageLine[]): { slots: DraftSlot[]; problems: Finding[] } {
  const slots: DraftSlot[] = [];
  const problems: Finding[] = [];
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
        problems.push({ line, message: `"${here.raw}" has no title`, fix: 'write the title after the time (19h00-19h15 : Title) or on the next line' });
        continue;
      }
      text = next.text;
      i = next.index;
    }
    slots.push({ start: read.start, end: read.end, ...titleAndSpeakers(text), line });
  }
  return { slots, problems };
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

/** Welcome, food and break lines keep their whole text: `Apéro sponsorisé par Evaneos` names a sponsor. */
export function titleAndSpeakers(text: string): Pick<DraftSlot, 'title' | 'speakers'> {
  return leadingKind(text) ? { title: cleanTitle(text), speakers: [] } : splitTitleAndSpeakers(text);
}

/** Bullets that name a speaker; labelled detail bullets (`* Speaker bio: …`) are not talks. */
function readTalkList(lines: readonly PageLine[]): DraftSlot[] {
  return lines.flatMap((line) => {
    if (line.kind !== 'item' || !line.first || line.level > 1 || readLabel(line.text)) return [];
    const slot = titleAndSpeakers(line.text);
    return slot.speakers.length > 0 ? [{ ...slot, line: line.line }] : [];
  });
}

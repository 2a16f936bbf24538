import type { DraftSlot } from './draft.ts';
import { readLabel } from './details.ts';
import { inlineText, readHeading, withoutBullet } from './markdownText.ts';
import { readProgrammeLine } from './programmeLine.ts';
import type { Finding } from './problems.ts';
import { leadingKind } from './slotKind.ts';
import { cleanTitle, splitTitleAndSpeakers } from './speakers.ts';
import { TIME_FORMS } from './timeOfDay.ts';

/**
 * The programme of a page: its time lines in order; failing those, a recap list of talks
 * (`* _Title_ par **Name** (@handle)`) without times.
 */
export function readProgramme(lines: readonly string[], firstLine: number): { slots: DraftSlot[]; problems: Finding[] } {
  const timed = readTimedLines(lines, firstLine);
  if (timed.slots.length > 0 || timed.problems.length > 0) return timed;
  return { slots: readTalkList(lines), problems: [] };
}

function readTimedLines(lines: readonly string[], firstLine: number): { slots: DraftSlot[]; problems: Finding[] } {
  const slots: DraftSlot[] = [];
  const problems: Finding[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const read = readProgrammeLine(raw);
    if (!read) continue;
    const line = firstLine + i;
    if (read.kind === 'bad-time') {
      problems.push(badTime(line, read.found, raw));
      continue;
    }
    let text = read.text;
    if (text === '') {
      const next = titleOnNextLine(lines, i + 1);
      if (!next) {
        problems.push({ line, message: `"${raw.trim()}" has no title`, fix: 'write the title after the time (19h00-19h15 : Title) or on the next line' });
        continue;
      }
      text = next.text;
      i = next.index;
    }
    slots.push({ start: read.start, end: read.end, ...titleAndSpeakers(inlineText(text)), line });
  }
  return { slots, problems };
}

function badTime(line: number, found: string, raw: string): Finding {
  return {
    line,
    message: `"${found}" is not a time of day (in "${raw.trim()}")`,
    fix: `write times as ${TIME_FORMS}, ranges as 19h00-19h15`,
  };
}

/** A time alone on its line (`10h30 - 11h00`) takes the next non-empty line as its title. */
function titleOnNextLine(lines: readonly string[], from: number): { text: string; index: number } | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    if (readProgrammeLine(line)) return undefined;
    return { text: readHeading(line)?.text ?? withoutBullet(line).text, index: i };
  }
  return undefined;
}

/** Welcome, food and break lines keep their whole text: `Apéro sponsorisé par Evaneos` names a sponsor. */
export function titleAndSpeakers(text: string): Pick<DraftSlot, 'title' | 'speakers'> {
  return leadingKind(text) ? { title: cleanTitle(text), speakers: [] } : splitTitleAndSpeakers(text);
}

/** Bullets that name a speaker; labelled detail bullets (`* Speaker bio: …`) are not talks. */
function readTalkList(lines: readonly string[]): DraftSlot[] {
  return lines.flatMap((raw) => {
    const item = withoutBullet(raw);
    if (!item.bullet || /^\s{4,}/.test(raw) || readLabel(raw)) return [];
    const slot = titleAndSpeakers(inlineText(item.text));
    return slot.speakers.length > 0 ? [slot] : [];
  });
}

import type { DraftSlot } from '../draft.ts';
import { readLabel } from '../details.ts';
import {
  cleanTitle,
  looksLikeNames,
  parseDetailSpeakers,
  parseNameList,
  splitTitleAndSpeakers,
  titleAndSpeakers,
} from '../speakers.ts';
import { allStrong, strongRuns, type PageLine } from './tree.ts';

/**
 * A programme without times: the talks of a recap or an announcement, in the forms organisers use —
 * `* _Title_ par **Name**`, `* [Slides](…) de **Title** par Name`, prose bullets
 * (`* la première de **Ada Martin** sur …`), headings that are a talk (`## Title par Name; en
 * français`), and a bold title followed by a `* Speaker: …` line.
 */
export function readTalkList(lines: readonly PageLine[]): DraftSlot[] {
  const slots: DraftSlot[] = [];
  // Under a heading that is a talk, bullets are about that talk (related reading, slides).
  let underTalk = false;
  lines.forEach((line, i) => {
    if (line.kind === 'heading') underTalk = false;
    if (underTalk && line.kind !== 'heading') return;
    const slot = talkOf(line, lines[i + 1]);
    if (slot) slots.push({ ...slot, line: line.line });
    if (slot && line.kind === 'heading') underTalk = true;
  });
  return slots;
}

function talkOf(line: PageLine, next: PageLine | undefined): Pick<DraftSlot, 'title' | 'speakers'> | undefined {
  if (!line.first) return undefined;
  if (line.kind === 'heading' && line.level > 1) return withSpeakers(headingTalk(line.text));
  if (line.kind === 'text' && allStrong(line)) return boldTitle(line, next);
  if (line.kind !== 'item' || line.level > 1 || readLabel(line.text)) return undefined;
  return withSpeakers(fromBoldRuns(line) ?? titleAndSpeakers(line.text));
}

const withSpeakers = <T extends { speakers: unknown[] }>(slot: T): T | undefined =>
  slot.speakers.length > 0 ? slot : undefined;

/** `## Title par Name; en français`, or `### Title @handle` (the speaker known by a handle only). */
function headingTalk(text: string): Pick<DraftSlot, 'title' | 'speakers'> {
  const split = splitTitleAndSpeakers(text);
  if (split.speakers.length > 0) return split;
  const handles = /^(.+?)((?:\s+@[\w.-]+)+)$/.exec(text);
  return handles
    ? {
        title: cleanTitle(handles[1] as string),
        speakers: parseNameList((handles[2] as string).trim().split(/\s+/).join(' & ')),
      }
    : split;
}

/** `__Titre__` alone on its line, then `* Speaker: Ada Martin / Architect @Acme`. */
function boldTitle(line: PageLine, next: PageLine | undefined): Pick<DraftSlot, 'title' | 'speakers'> | undefined {
  const label = next ? readLabel(next.text) : undefined;
  if (label?.field !== 'speaker') return undefined;
  return withSpeakers({ title: cleanTitle(line.text), speakers: parseDetailSpeakers(label.value) });
}

const PROSE = /^\p{Ll}/u;
const ABOUT = /^\s*(?:sur|about|on|:|[-–—])\s+/iu;

/**
 * Bullets whose bold runs say which is the title and who speaks: after links (`[Slides](…) de
 * **Title** par Name`) or in a sentence (`la seconde sur **Title** avec une démo par **Name**`).
 */
function fromBoldRuns(line: PageLine): Pick<DraftSlot, 'title' | 'speakers'> | undefined {
  const runs = strongRuns(line);
  if (runs.length === 0) return undefined;
  const names = runs.filter(looksLikeNames);
  const topics = runs.filter((run) => !looksLikeNames(run));
  const linked =
    line.parts.findIndex((part) => part.link) <
    line.parts.findIndex((part) => part.strong && topics.includes(part.text.trim()));
  if (topics.length === 1 && (PROSE.test(line.text) || (linked && line.parts.some((part) => part.link)))) {
    const topic = topics[0] as string;
    const after = line.text.slice(line.text.indexOf(topic) + topic.length);
    const speakers =
      names.length > 0 ? names.flatMap(parseNameList) : splitTitleAndSpeakers(`x ${after.trim()}`).speakers;
    return { title: capitalised(cleanTitle(topic)), speakers };
  }
  if (topics.length === 0 && names.length > 0 && PROSE.test(line.text)) {
    const last = names.at(-1) as string;
    const after = line.text.slice(line.text.lastIndexOf(last) + last.length);
    const about = ABOUT.exec(after);
    if (about)
      return { title: capitalised(cleanTitle(after.slice(about[0].length))), speakers: names.flatMap(parseNameList) };
  }
  return undefined;
}

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);

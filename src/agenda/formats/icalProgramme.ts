import type { Speaker } from '../event.ts';
import { parseSpeaker } from '../parse/speakers.ts';

/**
 * What a calendar's DESCRIPTION says about the talks. Two shapes are common: a meetup's whole
 * programme (`19:15-19:45 SLOs in practice - Camille Martin`, one line a slot, `Speaker: …`
 * lines after a talk), or one talk's text with `Speaker(s): …` lines.
 */
export interface ProgrammeLine {
  start: { hour: number; minute: number };
  end?: { hour: number; minute: number };
  title: string;
  speakers: Speaker[];
  abstract?: string;
}

const TIME = String.raw`(\d{1,2})(?:[:hH](\d{2})?)`;
const LINE = new RegExp(String.raw`^\s*(?:[-*•]\s*)?${TIME}\s*(?:[-–—]|à|to)?\s*(?:${TIME})?\s*[:|\-–—]?\s+(.+)$`);
const SPEAKER_LINE = /^\s*(?:speakers?|intervenant(?:e|s|es)?|orateurs?|oratrices?|by|par)\s*:\s*(.+)$/i;
const SPLIT = /\s+(?:-|–|—|par|by)\s+(?!.*\s(?:-|–|—|par|by)\s)/;

export function programmeLines(description: string): ProgrammeLine[] {
  const lines: ProgrammeLine[] = [];
  for (const text of description.split(/\r?\n/)) {
    const match = LINE.exec(text);
    const time = match && timeOf(match[1], match[2]);
    if (match && time) {
      const end = match[3] === undefined ? undefined : timeOf(match[3], match[4]);
      lines.push({ start: time, ...(end ? { end } : {}), ...titleAndSpeakers(match[5] as string) });
      continue;
    }
    const last = lines.at(-1);
    const speakers = speakersIn(text);
    if (last && speakers) last.speakers = mergeSpeakers(last.speakers, speakers);
    else if (last && text.trim()) last.abstract = [last.abstract, text.trim()].filter(Boolean).join('\n');
  }
  return lines;
}

/** A single talk's DESCRIPTION: its `Speaker:` lines, and the rest as its abstract. */
export function talkDescription(description: string): { speakers: Speaker[]; abstract?: string } {
  const speakers: Speaker[] = [];
  const rest: string[] = [];
  for (const text of description.split(/\r?\n/)) {
    const found = speakersIn(text);
    if (found) speakers.push(...found);
    else rest.push(text);
  }
  const abstract = rest.join('\n').trim();
  return { speakers, ...(abstract ? { abstract } : {}) };
}

function timeOf(hours: string | undefined, minutes: string | undefined): { hour: number; minute: number } | undefined {
  const [hour, minute] = [Number(hours), Number(minutes ?? 0)];
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

function titleAndSpeakers(text: string): { title: string; speakers: Speaker[] } {
  const [title, names] = text.split(SPLIT);
  return { title: (title as string).trim(), speakers: names ? nameList(names) : [] };
}

/** `Speaker: Camille Martin, SRE at Example` names one person and where they work. */
function speakersIn(text: string): Speaker[] | undefined {
  const match = SPEAKER_LINE.exec(text);
  if (!match) return undefined;
  const [name, ...affiliation] = (match[1] as string).split(/,\s*/);
  if (/speakers|intervenant(?:e?)s/i.test(text.split(':')[0] as string)) return nameList(match[1] as string);
  const speaker = parseSpeaker((name as string).trim());
  return [
    affiliation.length > 0 && !speaker.affiliation ? { ...speaker, affiliation: affiliation.join(', ') } : speaker,
  ];
}

const nameList = (text: string): Speaker[] =>
  text
    .split(/\s*(?:,|&|\band\b|\bet\b)\s*/)
    .filter((name) => name.trim() !== '')
    .map((name) => parseSpeaker(name.trim()));

/** A `Speaker:` line after `… - Camille Martin` adds to what is known of her, not a second speaker. */
function mergeSpeakers(known: Speaker[], found: Speaker[]): Speaker[] {
  const merged = [...known];
  for (const speaker of found) {
    const same = merged.findIndex((one) => one.name === speaker.name);
    if (same >= 0) merged[same] = { ...merged[same], ...speaker };
    else merged.push(speaker);
  }
  return merged;
}

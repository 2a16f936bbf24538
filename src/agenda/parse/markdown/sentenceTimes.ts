import type { DraftSlot } from '../draft.ts';
import { readTimeToken, type TimeOfDay } from '../timeOfDay.ts';
import type { PageLine } from './tree.ts';

/**
 * Times given in a sentence rather than a programme: `Ouverture des portes : 18H30 et début à
 * 19 h`, `Doors open at 6:30pm, first talk at 7pm`. With a list of talks without times, the doors
 * become a welcome slot that lasts until the talks start.
 */
const DOORS = /(ouverture des portes|doors open|doors|accueil)(?:\s+(?:à|a|at|dès|des|from)(?=\s))?\s*[:–-]?\s*/giu;
const START =
  /(d[ée]but(?: des (?:talks|présentations|conférences))?|first talk|talks start|get started|starts?|démarrage|on commence|nous commençons|we start)(?:\s+(?:à|a|at|dès|des)(?=\s))?\s*[:–-]?\s*/giu;

interface PhraseTime {
  phrase: string;
  time: TimeOfDay;
}

function timeAfter(text: string, pattern: RegExp): PhraseTime | undefined {
  for (const match of text.matchAll(pattern)) {
    const time = readTimeToken(text.slice(match.index + match[0].length))?.time;
    if (time) return { phrase: match[1] as string, time };
  }
  return undefined;
}

export function doorsSlot(lines: readonly PageLine[]): DraftSlot | undefined {
  for (const line of lines) {
    if (line.kind !== 'text') continue;
    const doors = timeAfter(line.text, DOORS);
    if (!doors) continue;
    const start = timeAfter(line.text, START);
    const title = doors.phrase.charAt(0).toLocaleUpperCase('fr') + doors.phrase.slice(1);
    return { start: doors.time, ...(start ? { end: start.time } : {}), title, speakers: [], line: line.line };
  }
  return undefined;
}

/** `We get started at 6:30 pm`: the start of a meetup whose talks have no times. */
export function sentenceStart(lines: readonly PageLine[]): TimeOfDay | undefined {
  for (const line of lines) {
    const start = line.kind === 'text' ? timeAfter(line.text, START) : undefined;
    if (start) return start.time;
  }
  return undefined;
}

import path from 'node:path';
import type { MeetupEvent } from './event.ts';
import type { EventFileProblem, EventLines } from './parse/index.ts';

export interface LoadedEvent {
  event: MeetupEvent;
  lines: EventLines;
}

/**
 * Two meetups with one number, or starting at one instant, are most often a copied file. Both are
 * kept, with a warning on the later one (by start, then file name): `/agenda N`, `/agenda` and
 * `/agenda now` answer the first, and the other still answers its id. `sorted`: by start, then id.
 */
export function collisions(sorted: readonly LoadedEvent[]): EventFileProblem[] {
  return [...sameNumber(sorted), ...sameStart(sorted)];
}

function sameNumber(sorted: readonly LoadedEvent[]): EventFileProblem[] {
  const first = new Map<number, LoadedEvent>();
  return sorted.flatMap((loaded) => {
    const number = loaded.event.number;
    if (number === undefined) return [];
    const earlier = first.get(number);
    if (!earlier) {
      first.set(number, loaded);
      return [];
    }
    const message = `has the same number, ${number}, as ${at(earlier, earlier.lines.number)}; /agenda ${number} shows ${fileName(earlier)}, the earlier one, and this one still answers /agenda ${loaded.event.id}`;
    return [
      warning(
        loaded,
        loaded.lines.number,
        message,
        'give each meetup its own number (number: 21, or #21 in the title)',
      ),
    ];
  });
}

function sameStart(sorted: readonly LoadedEvent[]): EventFileProblem[] {
  // A map, not a search of the events before each one: a folder of 10,000 files stays linear.
  const firstAt = new Map<number, LoadedEvent>();
  return sorted.flatMap((loaded) => {
    const start = loaded.event.start.toMillis();
    const first = firstAt.get(start);
    if (!first) {
      firstAt.set(start, loaded);
      return [];
    }
    const when = loaded.event.start.setZone(loaded.event.timezone).toFormat('yyyy-MM-dd HH:mm');
    const message = `starts at the same time (${when}) as ${at(first, first.lines.date)}; /agenda shows ${fileName(first)}, and this one still answers /agenda ${loaded.event.id}`;
    return [
      warning(
        loaded,
        loaded.lines.date,
        message,
        'if it is a copy, delete one of the two files; otherwise correct its date',
      ),
    ];
  });
}

const fileName = (loaded: LoadedEvent): string => path.basename(loaded.event.source);
const at = (loaded: LoadedEvent, line: number | undefined): string =>
  fileName(loaded) + (line === undefined ? '' : `:${line}`);

function warning(loaded: LoadedEvent, line: number | undefined, message: string, fix: string): EventFileProblem {
  return { file: loaded.event.source, ...(line === undefined ? {} : { line }), severity: 'warning', message, fix };
}

import path from 'node:path';
import { IANAZone } from 'luxon';
import type { MeetupEvent } from '../event.ts';
import type { EventLines, FileInput, FileReading } from './draft.ts';
import { readMarkdownEvent } from './markdownEvent.ts';
import { inFile, renderProblem, type EventFileProblem } from './problems.ts';
import { readYamlEvent } from './yamlEvent.ts';

export type { EventLines } from './draft.ts';
export type { EventFileProblem } from './problems.ts';
export { renderProblem } from './problems.ts';

export type EventFileResult =
  /** event.warnings holds the warning texts; lines say where its number and date are written. */
  | { kind: 'event'; event: MeetupEvent; lines: EventLines; more?: Array<{ event: MeetupEvent; lines: EventLines }> }
  /** A page with no date or no programme (an "about" page, a blog post): reported, not shown. */
  | { kind: 'not-event'; file: string; reason: string }
  | { kind: 'error'; problems: EventFileProblem[] };

export function parseEventFile(input: { path: string; text: string; timezone: string }): EventFileResult {
  return readEventFile(input).result;
}

/** parseEventFile, plus the warnings as problems (with their line and field) for `check-config`. */
export function readEventFile(input: { path: string; text: string; timezone: string }): {
  result: EventFileResult;
  warnings: EventFileProblem[];
} {
  const reading = safely(input);
  const file = input.path;
  const warnings =
    reading.kind === 'not-event' ? [] : reading.warnings.map((finding) => inFile(file, 'warning', finding));
  switch (reading.kind) {
    case 'event': {
      // A page listing several meetups: each keeps its own warnings; check-config gets them all.
      const more = (reading.more ?? []).map((other) => ({
        other,
        warnings: other.warnings.map((finding) => inFile(file, 'warning', finding)),
      }));
      // The events were just built for this reading: their warnings are set in place, not copied
      // into new events (a copy of every field, for every file loaded).
      reading.event.warnings = warnings.map(renderProblem);
      const result: EventFileResult = { kind: 'event', event: reading.event, lines: reading.lines };
      if (more.length > 0)
        result.more = more.map(({ other, warnings: own }) => {
          other.event.warnings = own.map(renderProblem);
          return { event: other.event, lines: other.lines };
        });
      return { result, warnings: [...warnings, ...more.flatMap((other) => other.warnings)] };
    }
    case 'not-event':
      return { result: { kind: 'not-event', file, reason: reading.reason }, warnings };
    case 'error':
      return {
        result: { kind: 'error', problems: reading.problems.map((finding) => inFile(file, 'error', finding)) },
        warnings,
      };
  }
}

export const isYamlFile = (file: string): boolean => /\.ya?ml$/i.test(file);
export const isEventFile = (file: string): boolean => /\.(?:md|markdown|ya?ml)$/i.test(file);

/** `2019-09-18-meetup-4.md` → its name; a Hugo page bundle `meetup-12/index.md` → its folder's name. */
function idOf(file: string): string {
  const name = path.basename(file).replace(/\.[^.]+$/, '');
  const folder = path.basename(path.dirname(file));
  return /^_?index$/i.test(name) && folder !== '.' && folder !== '' ? folder : name;
}

/** Bad content never throws: an unexpected failure is one more problem naming the file. */
function safely(input: { path: string; text: string; timezone: string }): FileReading {
  if (input.text.trim() === '') {
    return {
      kind: 'error',
      problems: [{ message: 'file is empty', fix: 'write a meetup (title, date and programme) or delete the file' }],
      warnings: [],
    };
  }
  // IANAZone.create is cached; isValidZone builds an Intl formatter on every call.
  if (!IANAZone.create(input.timezone).isValid) {
    return {
      kind: 'error',
      problems: [
        {
          message: `unknown time zone "${input.timezone}"`,
          fix: 'set the community timezone to an IANA zone such as "Europe/Paris"',
        },
      ],
      warnings: [],
    };
  }
  const fileInput: FileInput = { id: idOf(input.path), path: input.path, text: input.text, timezone: input.timezone };
  try {
    return isYamlFile(input.path) ? readYamlEvent(fileInput) : readMarkdownEvent(fileInput);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'error',
      problems: [{ message: `could not be read (${reason})`, fix: 'report this file to the emcee maintainers' }],
      warnings: [],
    };
  }
}

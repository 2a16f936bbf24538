import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DateTime } from 'luxon';
import { byStartThenId, type MeetupEvent } from './event.ts';
import { collisions, type LoadedEvent } from './duplicates.ts';
import { cachedZoneClock, formatOf, readFormatFile, type FormatReading, type ZoneClock } from './formats/index.ts';
import { isEventFile, isYamlFile, readEventFile, renderProblem, type EventFileProblem } from './parse/index.ts';
import { inFile } from './parse/problems.ts';

/**
 * A problem of one file. `leftOut`: the file (or one event of it) is not served, the rest of the
 * agenda is; `check-config` still fails on such an error, but the bot starts without that file.
 */
export type LoadProblem = EventFileProblem & { leftOut?: boolean };

export interface LoadedEvents {
  /** Sorted by start. */
  events: MeetupEvent[];
  /** Errors and warnings; pages that are not events and files of unknown type come as warnings. */
  problems: LoadProblem[];
}

export interface LoadOptions {
  /** How wall-clock times become instants (the benchmark swaps in the uncached one). */
  zoneClock?: ZoneClock;
  /** When the reading happens: a repeating iCalendar event is read as its occurrences around it. Default: now. */
  now?: DateTime;
}

/**
 * Files are read synchronously, this many at a time, then the event loop gets a turn: on 10,000
 * small pages readFileSync costs about a quarter of the CPU of 10,000 callback readFiles at once
 * (no thread-pool round trip, no promise per file, no buffer for every file held at once), and a
 * batch (a few tens of ms) never keeps the bot from answering for long.
 */
const BATCH = 256;

/** Shared by every load, so a zone's offsets are looked up once per year of the process. */
const sharedZoneClock = cachedZoneClock();

export const EVENT_FILE_KINDS =
  '.md or .markdown (a meetup page), .yaml or .yml (a meetup), .json (pretalx/frab schedule, Sessionize "All Data"), .xml (frab schedule), .ics (iCalendar)';

/** Reads every file of a community's event folder, each on its own: one bad file never hides the others. */
export async function loadEventFolder(dir: string, timezone: string, options: LoadOptions = {}): Promise<LoadedEvents> {
  const names = await listEventFiles(dir);
  if (!Array.isArray(names)) return { events: [], problems: [names] };
  const zoneClock = options.zoneClock ?? sharedZoneClock;
  const files: FileLoad[] = [];
  for (let from = 0; from < names.length; from += BATCH) {
    if (from > 0) await nextTurn();
    for (const name of names.slice(from, from + BATCH))
      files.push(loadFile(path.join(dir, name), timezone, zoneClock, options.now));
  }
  const loaded = files.flatMap((file) => file.loaded);
  const events = loaded.map(({ event }) => event);
  const ids = new Set<string>();
  const unique = loaded
    .filter(({ event }) => !ids.has(event.id) && ids.add(event.id))
    .sort((a, b) => byStartThenId(a.event, b.event));
  const collided = collisions(unique);
  const problems = [...files.flatMap((file) => file.problems), ...duplicateIds(events), ...collided];
  const byFile = new Map<string, EventFileProblem[]>();
  for (const problem of collided) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return { events: unique.map(({ event }) => withWarnings(event, byFile.get(event.source) ?? [])), problems };
}

/** A warning found across files belongs to the event too, so its JSON export shows it. */
function withWarnings(event: MeetupEvent, own: readonly EventFileProblem[]): MeetupEvent {
  return own.length === 0 ? event : { ...event, warnings: [...event.warnings, ...own.map(renderProblem)] };
}

/**
 * Every file but hidden ones (`.gitkeep`, `.DS_Store`): those of unknown type are reported, not
 * ignored. One level down, a Hugo page bundle's `index.md` (or `index.yaml`, `.json`…): its folder
 * names the event; the bundle's other files (images) are its resources, not the agenda's.
 */
async function listEventFiles(dir: string): Promise<string[] | EventFileProblem> {
  try {
    const entries = (await readdir(dir, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.'));
    const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    const bundles = await Promise.all(
      entries.filter((entry) => entry.isDirectory()).map((entry) => bundleIndexes(dir, entry.name)),
    );
    return [...files, ...bundles.flat()].sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `event folder ${dir} does not exist`
        : code === 'ENOTDIR'
          ? `${dir} is not a folder`
          : `event folder ${dir} cannot be read (${code ?? 'unknown error'})`;
    return {
      file: dir,
      severity: 'error',
      message,
      fix: 'create the folder with one file per meetup (2027-01-20-meetup-13.md or .yaml), or point `events:` of the community file at it',
    };
  }
}

/** A page bundle's index files, as paths relative to the event folder; none when it is not one. */
async function bundleIndexes(dir: string, folder: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, folder), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && isBundleIndex(entry.name))
    .map((entry) => path.join(folder, entry.name));
}

/** `index.md`, `index.yaml`, `index.json`…: an index file of a type the loader reads. */
export function isBundleIndex(name: string): boolean {
  return /^index\.[^.]+$/i.test(name) && (isEventFile(name) || formatOf(name, '') !== undefined);
}

interface FileLoad {
  loaded: LoadedEvent[];
  problems: LoadProblem[];
}

function loadFile(file: string, timezone: string, zoneClock: ZoneClock, now?: DateTime): FileLoad {
  const extension = path.extname(file).toLowerCase();
  const known = isEventFile(file) || formatOf(file, '') !== undefined;
  // Only a file with no extension (or .txt) is opened to guess its type: never an image or a PDF.
  if (!known && extension !== '' && extension !== '.txt')
    return { loaded: [], problems: [unknownType(file, extension)] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      loaded: [],
      problems: [
        {
          file,
          severity: 'error',
          message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
          leftOut: true,
        },
      ],
    };
  }
  if (isEventFile(file)) return loadMeetupFile(file, text, timezone);
  const format = formatOf(file, text);
  if (!format)
    return { loaded: [], problems: [unknownType(file, extension, ', and the text is neither iCalendar nor frab XML')] };
  return fromFormat(file, readFormatFile(format, { path: file, text, timezone, zoneClock, now }));
}

/** Markdown and YAML meetups. A YAML file with no meetup field (a site's data file) is skipped, not an error. */
function loadMeetupFile(file: string, text: string, timezone: string): FileLoad {
  if (isYamlFile(file) && text.trim() !== '' && !/^(?:title|date|slots)\s*:/m.test(text)) {
    return { loaded: [], problems: [notAnEvent(file, 'a YAML file without title, date or slots')] };
  }
  const { result, warnings } = readEventFile({ path: file, text, timezone });
  if (result.kind === 'event') {
    const first = { event: result.event, lines: result.lines };
    return { loaded: result.more ? [first, ...result.more] : [first], problems: warnings };
  }
  if (result.kind === 'error') return { loaded: [], problems: [...result.problems, ...warnings].map(leftOut) };
  return { loaded: [], problems: [notAnEvent(file, result.reason)] };
}

function fromFormat(file: string, reading: FormatReading): FileLoad {
  if (reading.kind === 'not-event')
    return {
      loaded: [],
      problems: [
        notAnEvent(
          file,
          reading.reason,
          'if it is a schedule, export it again from pretalx, frab or Sessionize; otherwise move it out of the events folder',
        ),
      ],
    };
  if (reading.kind === 'error')
    return { loaded: [], problems: reading.problems.map((finding) => leftOut(inFile(file, 'error', finding))) };
  const warnings = reading.warnings.map((finding) => inFile(file, 'warning', finding));
  const events = reading.events.map((event) => ({
    ...event,
    warnings: [...event.warnings, ...warnings.map(renderProblem)],
  }));
  return { loaded: events.map((event) => ({ event, lines: {} })), problems: warnings };
}

const leftOut = (problem: EventFileProblem): LoadProblem => ({ ...problem, leftOut: true });

function unknownType(file: string, extension: string, sniffed = ''): LoadProblem {
  return {
    file,
    severity: 'warning',
    message: `skipped: ${extension ? `unknown extension "${extension}"` : 'no extension'}${sniffed}`,
    fix: `event files are ${EVENT_FILE_KINDS}; move other files out of the events folder`,
    leftOut: true,
  };
}

const MEETUP_FIX =
  'if it is one, give it a front matter date (date: 2026-12-09T19:00) and programme lines (19h00-19h15 : Title); otherwise move it out of the events folder';

function notAnEvent(file: string, reason: string, fix = MEETUP_FIX): LoadProblem {
  return {
    file,
    severity: 'warning',
    message: `not read as a meetup: ${reason}`,
    fix,
    leftOut: true,
  };
}

/** Two files with one id (`x.md` and `x.yaml`): the first one, by name, is kept. */
function duplicateIds(events: readonly MeetupEvent[]): LoadProblem[] {
  const seen = new Map<string, string>();
  return events.flatMap((event) => {
    const first = seen.get(event.id);
    if (first === undefined) {
      seen.set(event.id, event.source);
      return [];
    }
    return [
      {
        file: event.source,
        severity: 'error' as const,
        message: `gives the same event id "${event.id}" as ${first}; it is ignored`,
        fix: 'rename one of the two files',
        leftOut: true,
      },
    ];
  });
}

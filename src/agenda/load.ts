import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { byStartThenId, type MeetupEvent } from './event.ts';
import { collisions, type LoadedEvent } from './duplicates.ts';
import { isEventFile, readEventFile, renderProblem, type EventFileProblem } from './parse/index.ts';

export interface LoadedEvents {
  /** Sorted by start. */
  events: MeetupEvent[];
  /** Errors and warnings; pages that are not events come as warnings. */
  problems: EventFileProblem[];
}

/** Reads every `*.md`, `*.markdown`, `*.yaml`, `*.yml` of a community's event folder. */
export async function loadEventFolder(dir: string, timezone: string): Promise<LoadedEvents> {
  const names = await listEventFiles(dir);
  if (!Array.isArray(names)) return { events: [], problems: [names] };
  const files = await Promise.all(names.map((name) => loadFile(path.join(dir, name), timezone)));
  const loaded = files.flatMap((file) => (file.loaded ? [file.loaded] : []));
  const events = loaded.map(({ event }) => event);
  const ids = new Set<string>();
  const unique = loaded.filter(({ event }) => !ids.has(event.id) && ids.add(event.id)).sort((a, b) => byStartThenId(a.event, b.event));
  const collided = collisions(unique);
  const problems = [...files.flatMap((file) => file.problems), ...duplicateIds(events), ...collided];
  return { events: unique.map(({ event }) => withWarnings(event, collided)), problems };
}

/** A warning found across files belongs to the event too, so its JSON export shows it. */
function withWarnings(event: MeetupEvent, problems: readonly EventFileProblem[]): MeetupEvent {
  const own = problems.filter((problem) => problem.file === event.source).map(renderProblem);
  return own.length === 0 ? event : { ...event, warnings: [...event.warnings, ...own] };
}

async function listEventFiles(dir: string): Promise<string[] | EventFileProblem> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile() && isEventFile(entry.name) && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `event folder ${dir} does not exist` : code === 'ENOTDIR' ? `${dir} is not a folder` : `event folder ${dir} cannot be read (${code ?? 'unknown error'})`;
    return { file: dir, severity: 'error', message, fix: 'create the folder with one file per meetup (2027-01-20-meetup-13.md or .yaml), or point `events:` of the community file at it' };
  }
}

async function loadFile(file: string, timezone: string): Promise<{ loaded?: LoadedEvent; problems: EventFileProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, severity: 'error', message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` }] };
  }
  const { result, warnings } = readEventFile({ path: file, text, timezone });
  if (result.kind === 'event') return { loaded: { event: result.event, lines: result.lines }, problems: warnings };
  if (result.kind === 'error') return { problems: [...result.problems, ...warnings] };
  return { problems: [notAnEvent(file, result.reason)] };
}

function notAnEvent(file: string, reason: string): EventFileProblem {
  return {
    file,
    severity: 'warning',
    message: `not read as a meetup: ${reason}`,
    fix: 'if it is one, give it a front matter date (date: 2026-12-09T19:00) and programme lines (19h00-19h15 : Title); otherwise move it out of the events folder',
  };
}

/** Two files with one id (`x.md` and `x.yaml`): the first one, by name, is kept. */
function duplicateIds(events: readonly MeetupEvent[]): EventFileProblem[] {
  const seen = new Map<string, string>();
  return events.flatMap((event) => {
    const first = seen.get(event.id);
    if (first === undefined) {
      seen.set(event.id, event.source);
      return [];
    }
    return [{ file: event.source, severity: 'error' as const, message: `gives the same event id "${event.id}" as ${first}; it is ignored`, fix: 'rename one of the two files' }];
  });
}

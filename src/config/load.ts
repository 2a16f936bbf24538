import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { MeetupEvent } from '../agenda/event.ts';
import { loadEventFolder } from '../agenda/load.ts';
import type { Community } from './community.ts';
import { communitySchema } from './communitySchema.ts';
import { flatFieldNotes } from './flatFields.ts';
import { zodProblems, type ConfigProblem } from './problems.ts';
import { keysAt } from './schemaKeys.ts';
import { readYaml } from './yamlFile.ts';

export interface LoadedCommunity {
  community: Community;
  events: MeetupEvent[];
}

export interface LoadedConfig {
  dir: string;
  communities: LoadedCommunity[];
  /** Errors and warnings over every file; a config with an error must not start. */
  problems: ConfigProblem[];
}

/** Thrown at start-up when the configuration has errors; carries every problem, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`configuration has ${problems.filter((p) => p.severity === 'error').length} error(s)`);
    this.name = 'ConfigError';
  }
}

/** Errors that stop start-up; an event file that cannot be read is left out instead (see `leftOut`). */
export const hasErrors = (problems: readonly ConfigProblem[]): boolean =>
  problems.some((p) => p.severity === 'error' && !p.leftOut);

/** `now`: when the event files are read (a repeating calendar event gives the occurrences around it); default the current time. */
export async function loadConfig(dir: string, options: { now?: DateTime } = {}): Promise<LoadedConfig> {
  const root = path.resolve(dir);
  const communitiesDir = path.join(root, 'communities');
  const files = await listYaml(communitiesDir);
  if (!files) {
    const message = `no folder ${communitiesDir}: create it with one <id>.yaml file per community (see README, "Configuration")`;
    return { dir: root, communities: [], problems: [{ file: communitiesDir, severity: 'error', message }] };
  }
  if (files.length === 0) {
    const message = 'no community file: add one, e.g. communities/my-meetup.yaml with name, timezone and locale';
    return { dir: root, communities: [], problems: [{ file: communitiesDir, severity: 'error', message }] };
  }
  const results = await Promise.all(
    files.map((file) => loadCommunity(root, path.join(communitiesDir, file), options.now)),
  );
  return {
    dir: root,
    communities: results.flatMap((result) => (result.loaded ? [result.loaded] : [])),
    problems: results.flatMap((result) => result.problems),
  };
}

async function listYaml(dir: string): Promise<string[] | undefined> {
  try {
    return (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return undefined;
  }
}

async function loadCommunity(
  root: string,
  file: string,
  now: DateTime | undefined,
): Promise<{ loaded?: LoadedCommunity; problems: ConfigProblem[] }> {
  const display = path.relative(process.cwd(), file) || file;
  const read = readYaml(display, await readFile(file, 'utf8'));
  if (!read.ok) return { problems: read.problems };
  const parsed = communitySchema.safeParse(read.yaml.data, { reportInput: true });
  if (!parsed.success) {
    const problems = zodProblems(display, parsed.error, (at) => keysAt(communitySchema, at));
    const located = problems.map((p) => ({ ...p, line: read.yaml.lineOf(fieldPath(p.field)) }));
    // In file order, so the organiser reads them top to bottom; missing fields (no line) last.
    return { problems: located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) };
  }
  const id = path.basename(file).replace(/\.ya?ml$/, '');
  const eventsDir = path.resolve(root, parsed.data.events ?? path.join('events', id));
  const community: Community = { ...parsed.data, id, eventsDir, source: display };
  const loaded = await loadEventFolder(eventsDir, community.timezone, now ? { now } : {});
  const problems = loaded.problems.map((p) => ({ ...p, file: path.relative(process.cwd(), p.file) || p.file }));
  const flat = flatFieldNotes(parsed.data).map((note) => ({
    file: display,
    severity: 'warning' as const,
    line: read.yaml.lineOf(fieldPath(note.field)),
    ...note,
  }));
  return { loaded: { community, events: loaded.events }, problems: [...flat, ...problems] };
}

function fieldPath(field: string | undefined): PropertyKey[] {
  return (field ?? '')
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

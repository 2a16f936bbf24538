import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Community } from '../../config/community.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { plain } from '../../core/text.ts';
import type { MeetupEvent } from '../event.ts';
import { loadEventFolder, type LoadProblem } from '../load.ts';
import { liveMessages as m } from './messages.ts';
import type { TellOrganisers } from './notify.ts';
import type { AgendaPart } from './part.ts';

export interface FolderOptions {
  community: Community;
  /** The events the configuration load gave, so the folder is not read twice at start-up. */
  initial: readonly MeetupEvent[];
  tell: TellOrganisers;
  logger: Logger;
  /** Editors write a file in several steps (truncate, write, rename): changes are taken together. */
  debounceMs?: number;
  /** Called after each reading the folder's changes caused. */
  changed?: () => void;
  /** When a reading happens (a rehearsal's clock): a repeating calendar event gives the occurrences around it. */
  clock?: Clock;
  /** The folder is read again this often whatever the watchers saw (default a day). */
  rereadEveryMs?: number;
}

/**
 * Read again daily, changed or not: a repeating calendar event is read as its occurrences within
 * 400 days of the reading (icalRecurrence.ts), which a bot running for a year would otherwise
 * outlive; and a change the watchers missed (a network file system, an editor's rename) is caught.
 */
const REREAD_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * A community's event folder, watched (fs.watch on the folder itself and on each of its subfolders,
 * where Hugo page bundles keep their index.md: Node 20 has no dependable recursive watch on Linux,
 * and the loader reads only one level down). A changed, added or removed
 * file reloads the folder; a file that no longer reads keeps its last good events, and the
 * organisers hear about it once.
 */
export class EventFolder implements AgendaPart {
  private lastGood = new Map<string, MeetupEvent[]>();
  private current: MeetupEvent[];
  private watcher?: FSWatcher;
  /** One watcher per subfolder (a page bundle, or one that may become one), by path. */
  private subfolders = new Map<string, FSWatcher>();
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private reread?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();

  constructor(private readonly options: FolderOptions) {
    this.current = [...options.initial];
    for (const event of options.initial)
      this.lastGood.set(event.source, [...(this.lastGood.get(event.source) ?? []), event]);
  }

  get events(): readonly MeetupEvent[] {
    return this.current;
  }

  async start(): Promise<void> {
    const { eventsDir } = this.options.community;
    try {
      this.watcher = watch(eventsDir, { persistent: false }, () => this.schedule());
      this.watcher.on('error', (error) =>
        this.options.logger.warn({ err: error, dir: eventsDir }, 'event folder no longer watched'),
      );
    } catch (error) {
      this.options.logger.warn(
        { err: error, dir: eventsDir },
        'event folder cannot be watched: changes need a restart',
      );
    }
    await this.watchSubfolders();
    this.reread = setInterval(() => void this.reload(), this.options.rereadEveryMs ?? REREAD_EVERY_MS);
    this.reread.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.reread);
    this.watcher?.close();
    await this.reloading;
    for (const watcher of this.subfolders.values()) watcher.close();
    this.subfolders.clear();
  }

  /** Watches each visible subfolder, and no longer those removed: called at start and after each reading. */
  private async watchSubfolders(): Promise<void> {
    const { eventsDir } = this.options.community;
    const entries = await readdir(eventsDir, { withFileTypes: true }).catch(() => []);
    if (this.stopped || !this.watcher) return;
    const folders = new Set(
      entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => path.join(eventsDir, entry.name)),
    );
    for (const [folder, watcher] of this.subfolders) if (!folders.has(folder)) this.unwatch(folder, watcher);
    for (const folder of folders) if (!this.subfolders.has(folder)) this.watchSubfolder(folder);
  }

  private watchSubfolder(folder: string): void {
    try {
      const watcher = watch(folder, { persistent: false }, () => this.schedule());
      // A removed folder ends its watcher with an error on some systems: the top folder's watcher sees the removal.
      watcher.on('error', () => this.unwatch(folder, watcher));
      this.subfolders.set(folder, watcher);
    } catch {
      // Gone between the listing and the watch: the next reading lists the folder again.
    }
  }

  private unwatch(folder: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.subfolders.get(folder) === watcher) this.subfolders.delete(folder);
  }

  /** Reads the folder again now (what a change triggers after the debounce), then says so. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.read())
      .then(() => this.options.changed?.())
      .catch((error) => this.options.logger.error({ err: error }, 'event folder reload failed'));
    return this.reloading;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), this.options.debounceMs ?? 200);
  }

  private async read(): Promise<void> {
    const { community } = this.options;
    const now = this.options.clock?.now();
    const loaded = await loadEventFolder(community.eventsDir, community.timezone, now ? { now } : {});
    const unreadable = loaded.problems.find(
      (problem) => problem.file === community.eventsDir && problem.severity === 'error',
    );
    // The folder itself gone or unreadable (moved while a checkout replaces it): keep what was read.
    if (unreadable)
      return this.options.logger.warn(
        { dir: community.eventsDir, problem: unreadable.message },
        'event folder unreadable; the agenda keeps its last reading',
      );
    const fresh = new Map<string, MeetupEvent[]>();
    for (const event of loaded.events) fresh.set(event.source, [...(fresh.get(event.source) ?? []), event]);
    const broken = brokenFiles(loaded.problems, fresh, this.lastGood);
    const kept = [...broken.keys()].flatMap((file) => this.lastGood.get(file) ?? []);
    const ids = new Set(loaded.events.map((event) => event.id));
    this.current = [...loaded.events, ...kept.filter((event) => !ids.has(event.id))];
    for (const [file, problem] of broken) await this.tellBroken(file, problem);
    // A fixed file replaces its last good version; a removed one takes its events with it.
    for (const file of broken.keys()) {
      const good = this.lastGood.get(file);
      if (good) fresh.set(file, good);
    }
    this.lastGood = fresh;
    await this.watchSubfolders();
  }

  private async tellBroken(file: string, problem: LoadProblem): Promise<void> {
    const { community, tell } = this.options;
    const modified = await stat(file).then(
      (info) => info.mtimeMs,
      () => 0,
    );
    const name = path.relative(community.eventsDir, file) || file;
    const key = this.lastGood.has(file) ? 'brokenKept' : 'brokenLeftOut';
    await tell(
      community,
      `file:${file}:${modified}`,
      m.t(community.locale, key, { file: [plain(name)], problem: [plain(problemText(problem))] }),
    );
  }
}

/**
 * Files left out of this load that gave no event: unreadable (an error), or a meetup that no longer
 * reads as one. A file that never was a meetup (a site's data file, an image) is not news.
 */
function brokenFiles(
  problems: readonly LoadProblem[],
  fresh: ReadonlyMap<string, unknown>,
  before: ReadonlyMap<string, unknown>,
): Map<string, LoadProblem> {
  const broken = new Map<string, LoadProblem>();
  for (const problem of problems) {
    if (!problem.leftOut || fresh.has(problem.file) || broken.has(problem.file)) continue;
    if (problem.severity !== 'error' && !before.has(problem.file)) continue;
    broken.set(problem.file, problem);
  }
  return broken;
}

const problemText = (problem: LoadProblem) => `${problem.line ? `line ${problem.line}: ` : ''}${problem.message}`;

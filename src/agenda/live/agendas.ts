import { EventEmitter } from 'node:events';
import type { LoadedCommunity } from '../../config/load.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import { Agenda } from '../agenda.ts';
import type { MeetupEvent } from '../event.ts';
import { SourceFeed, type RefreshResult } from '../sources/feed.ts';
import { EventFolder } from './folder.ts';
import type { TellOrganisers } from './notify.ts';
import type { AgendaPart } from './part.ts';

export interface LiveOptions {
  communities: readonly LoadedCommunity[];
  store: Store;
  tell: TellOrganisers;
  logger: Logger;
  debounceMs?: number;
  /** Observer (metrics): how each source fetch ended. */
  fetched?: (result: RefreshResult) => void;
  /** The app's clock (rehearsals move it): when folders and sources are read. */
  clock?: Clock;
}

interface Entry {
  parts: AgendaPart[];
  agenda: Agenda;
}

/**
 * Every community's agenda, kept up to date without a restart: its event folder (watched) and its
 * `sources:` (polled). `get` always answers with the latest; a `changed` event (community id)
 * follows each new reading, which is how reminders move with their meetup.
 */
export class LiveAgendas extends EventEmitter<{ changed: [communityId: string] }> {
  private readonly entries = new Map<string, Entry>();
  private started = false;

  constructor(options: LiveOptions) {
    super();
    const { store, tell, logger, debounceMs, fetched, clock } = options;
    const now = clock ? () => clock.now().toMillis() : undefined;
    for (const { community, events } of options.communities) {
      const changed = () => this.rebuild(community.id, true);
      const folder = new EventFolder({ community, initial: events, tell, logger, debounceMs, changed, clock });
      const sources = community.sources.map(
        (settings) =>
          new SourceFeed({ community, settings, store, tell, logger, changed, fetched, ...(now ? { now } : {}) }),
      );
      this.entries.set(community.id, { parts: [folder, ...sources], agenda: new Agenda(events) });
    }
  }

  get(communityId: string): Agenda {
    return this.entries.get(communityId)?.agenda ?? new Agenda([]);
  }

  /** The sources' stored copies, read before anyone asks (no network). */
  async load(): Promise<void> {
    const feeds = [...this.entries.values()].flatMap((entry) =>
      entry.parts.filter((part) => part instanceof SourceFeed),
    );
    await Promise.all(feeds.map((feed) => feed.load()));
    for (const id of this.entries.keys()) this.rebuild(id, false);
  }

  /** Watches the folders and polls the sources, until `stop`. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) await Promise.all(entry.parts.map((part) => part.start()));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.entries.values()].flatMap((entry) => entry.parts.map((part) => part.stop())));
  }

  /** The parts of a community (tests reach a folder or a source through it). */
  parts(communityId: string): readonly AgendaPart[] {
    return this.entries.get(communityId)?.parts ?? [];
  }

  private rebuild(communityId: string, announce: boolean): void {
    const entry = this.entries.get(communityId);
    if (!entry) return;
    entry.agenda = new Agenda(firstOfEachId(entry.parts.flatMap((part) => part.events)));
    if (announce) this.emit('changed', communityId);
  }
}

/** The folder comes first: a file organisers wrote wins over a source giving the same id. */
function firstOfEachId(events: readonly MeetupEvent[]): MeetupEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && seen.add(event.id));
}

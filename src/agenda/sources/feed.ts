import { DateTime } from 'luxon';
import type { Community } from '../../config/community.ts';
import type { Logger } from '../../core/logger.ts';
import { plain } from '../../core/text.ts';
import type { Store } from '../../store/store.ts';
import type { MeetupEvent } from '../event.ts';
import { cachedZoneClock } from '../formats/index.ts';
import type { AgendaPart } from '../live/part.ts';
import { liveMessages as m } from '../live/messages.ts';
import type { TellOrganisers } from '../live/notify.ts';
import type { SourceSettings } from '../sourceSettings.ts';
import { conditionalFetch, SourceFetchError, type Fetched } from './fetch.ts';
import { readSource } from './read.ts';

/** The last good copy of a source, kept in the store: a restart with the source down still has its events. */
interface StoredCopy extends Fetched {
  url: string;
  fetchedAt: number;
}

export type RefreshResult = 'changed' | 'unchanged' | 'failed';

export interface FeedOptions {
  community: Community;
  settings: SourceSettings;
  store: Store;
  tell: TellOrganisers;
  logger: Logger;
  /** Called after a fetch that changed the source's events. */
  changed?: () => void;
  /** Observer (metrics): how each fetch ended. */
  fetched?: (result: RefreshResult) => void;
  now?: () => number;
}

const zoneClock = cachedZoneClock();
const READ_AGAIN_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * One published schedule (pretalx, Sessionize, a Meetup or Luma iCal feed), fetched every
 * `settings.every` with ETag / If-Modified-Since. A failed fetch, or an answer that does not read,
 * never empties the agenda: the last good copy stays, and after `tellAfter` failures in a row the
 * organisers are told, once, and again when it answers.
 */
export class SourceFeed implements AgendaPart {
  private current: MeetupEvent[] = [];
  private copy?: StoredCopy;
  private failures = 0;
  /** The failing streak the organisers were told about, if they were. */
  private told?: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<RefreshResult>;
  /** When the kept copy was last read into events (ms). */
  private readAt = 0;

  constructor(private readonly options: FeedOptions) {}

  get events(): readonly MeetupEvent[] {
    return this.current;
  }

  get url(): string {
    return this.options.settings.url;
  }

  /** Reads the stored copy, without the network: what `/agenda` shows before the first fetch. */
  async load(): Promise<void> {
    const stored = await this.records().get(this.key());
    if (stored && this.use(stored)) this.copy = stored;
  }

  async start(): Promise<void> {
    const tick = () => void this.refresh();
    this.timer = setInterval(tick, this.options.settings.every);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One fetch now (the interval's work); concurrent calls share it. A change is announced through `changed`. */
  refresh(): Promise<RefreshResult> {
    this.running ??= this.fetchOnce()
      .then((result) => {
        this.options.fetched?.(result);
        if (result === 'changed') this.options.changed?.();
        return result;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async fetchOnce(): Promise<RefreshResult> {
    try {
      const result = await conditionalFetch(this.url, this.copy);
      if (result.kind === 'not-modified') return await this.succeeded(this.readAgainIfDue());
      const copy: StoredCopy = { ...result.fetched, url: this.url, fetchedAt: this.now() };
      // A server without validators sends the same text again: not a change to the agenda.
      const same = copy.text === this.copy?.text;
      if (same) return await this.succeeded(this.readAgainIfDue());
      const reading = this.use(copy);
      if (reading !== true) return await this.failed(reading);
      this.copy = copy;
      await this.records().set(this.key(), copy);
      return await this.succeeded('changed');
    } catch (error) {
      if (!(error instanceof SourceFetchError))
        this.options.logger.error({ err: error, source: this.url }, 'source fetch failed unexpectedly');
      return this.failed(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * An unchanged schedule is read again once a day all the same: a repeating event's occurrences
   * are those within 400 days of the reading, which a feed unchanged for a year would outlive.
   */
  private readAgainIfDue(): RefreshResult {
    if (!this.copy || this.now() - this.readAt < READ_AGAIN_AFTER_MS) return 'unchanged';
    return this.use(this.copy) === true ? 'changed' : 'unchanged';
  }

  /** Takes a copy's events when it reads; else why not. */
  private use(copy: Fetched): true | string {
    // Read around now: a repeating event's occurrences are those of the time of reading (see icalRecurrence.ts).
    const now = DateTime.fromMillis(this.now(), { zone: 'utc' });
    const reading = readSource(this.url, copy, this.options.community.timezone, zoneClock, now);
    if (!reading.ok) return reading.reason;
    this.current = reading.events;
    this.readAt = this.now();
    for (const warning of reading.warnings) this.options.logger.warn({ source: this.url }, warning);
    return true;
  }

  private async succeeded(result: RefreshResult): Promise<RefreshResult> {
    const told = this.told;
    this.failures = 0;
    this.told = undefined;
    if (told) await this.tell(`back:${told}`, m.t(this.locale, 'sourceBack', { url: [plain(this.url)] }));
    return result;
  }

  private async failed(reason: string): Promise<RefreshResult> {
    this.failures++;
    this.options.logger.warn(
      { source: this.url, failures: this.failures, reason },
      'source fetch failed; its last good copy is kept',
    );
    if (this.failures >= this.options.settings.tellAfter && !this.told) {
      this.told = await this.streak();
      await this.tell(
        `failing:${this.told}`,
        m.t(this.locale, 'sourceFailing', { url: [plain(this.url)], count: this.failures, reason: [plain(reason)] }),
      );
    }
    return 'failed';
  }

  /** Names a failing streak the same way in every process on one store: by the last good copy stored. */
  private async streak(): Promise<string> {
    const stored = await this.records().get(this.key());
    return `${this.url}:${stored?.fetchedAt ?? 'never'}`;
  }

  private tell(key: string, text: Parameters<TellOrganisers>[2]): Promise<void> {
    return this.options.tell(this.options.community, `source:${key}`, text);
  }

  private get locale() {
    return this.options.community.locale;
  }

  private records() {
    return this.options.store.namespace<StoredCopy>('agenda-sources');
  }

  private key(): string {
    return `${this.options.community.id} ${this.url}`;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

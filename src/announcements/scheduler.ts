import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Agenda, LightningTalks } from '../agenda/agenda.ts';
import type { Community } from '../config/community.ts';
import type { Clock } from '../core/clock.ts';
import type { Platform } from '../core/invocation.ts';
import type { Logger } from '../core/logger.ts';
import type { Poster } from '../core/poster.ts';
import type { Store } from '../store/store.ts';
import { catchUp } from './catchUp.ts';
import { ChangePoller } from './changes.ts';
import { Deliveries, type Job } from './delivery.ts';
import { reminderJob, saveReminderState, saveScheduleState, scheduleJob, type JobContext } from './jobs.ts';
import { LiveSchedules, type Due } from './live.ts';
import { occurrenceKey, reminderKey, targetKey, type OccurrenceOutcome } from './model.ts';
import type { Progress } from './progress.ts';
import { nextReminderAt, remindersAt } from './reminders.ts';
import type { AnnouncementRepository } from './repository.ts';
import type { ScheduleSettings } from './settings.ts';
import { ALL_PLATFORMS, reminderTargets, scheduleTargets } from './targets.ts';
import { TimerQueue } from './timerQueue.ts';

export interface SchedulerOptions {
  store: Store;
  repository: AnnouncementRepository;
  poster: Poster;
  /** The platforms running in this process: only their channels are posted to (default: all). */
  platforms?: readonly Platform[];
  communities: ReadonlyMap<string, Community>;
  agenda(communityId: string): Agenda;
  lightning: LightningTalks;
  clock: Clock;
  logger: Logger;
  /** Claim owner; default host:pid:random. */
  owner?: string;
  /** How often other processes' changes are looked for (default 2 s). */
  pollMs?: number;
  /** Occurrences handled at once; more wait their turn (default 64). */
  concurrency?: number;
  /** Probe for benchmarks: the timer fired an occurrence (before its claim). */
  onFire?(occurrence: { key: string; at: number }, now: number): void;
  /** Probe for benchmarks and tests: an occurrence is about to be handed to the Poster. */
  onDeliver?(occurrence: { key: string; at: number }, now: number): void;
  /** Observer for metrics: occurrences posted, failed after retries or missed (`count` of them), and each retry. */
  onResult?(result: 'posted' | 'retried' | 'failed' | 'missed', count: number): void;
}

/** What the timer queue holds: a schedule's or reminders' next firing, or a lost claim to look at again. */
type Entry = Due | { at: number; kind: 'verify'; job: Job };

/**
 * Posts reminders and organisers' announcements, exactly once across every process on one store.
 * It ties together:
 * - the time-ordered queue and its one timer (`timerQueue.ts`); node-cron only validates and
 *   expands the expressions (`cron.ts`);
 * - claiming and delivery with retries (`delivery.ts`): each occurrence has an identity (schedule
 *   + instant, or event + reminder + instant), claimed with a lease, posted, settled, recorded;
 * - loading and polling of changes (`live.ts`, `changes.ts`): per-schedule watermarks in the store
 *   say what start-up still has to consider; schedules created by another process come through a
 *   change log.
 * Firing is here: an occurrence later than the starting deadline is recorded as missed instead of
 * posted (`catchUp.ts`), the others become one job per target (`jobs.ts`).
 */
export class Scheduler {
  private readonly queue: TimerQueue<Entry>;
  private readonly deliveries: Deliveries;
  private readonly live: LiveSchedules;
  private readonly changes: ChangePoller;
  private readonly jobs: JobContext;
  private started = false;
  private stopping = false;

  constructor(private readonly options: SchedulerOptions) {
    const now = () => this.now();
    const { store, repository, poster, logger, concurrency, onFire, onDeliver, onResult } = options;
    this.queue = new TimerQueue<Entry>(now, (entry, at) => this.fire(entry, at));
    this.deliveries = new Deliveries({
      store,
      repository,
      poster,
      logger,
      now,
      concurrency,
      onFire,
      onDeliver,
      onResult,
      owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      later: (at, job) => this.queue.push({ at, kind: 'verify', job }),
    });
    this.live = new LiveSchedules({
      repository,
      logger,
      now,
      communities: options.communities,
      agenda: options.agenda,
      platforms: this.platforms,
      due: (entry) => this.queue.push(entry),
      track: (work) => this.deliveries.track(work),
    });
    this.changes = new ChangePoller({
      repository,
      logger,
      now,
      live: this.live,
      pollMs: options.pollMs,
      reloaded: () => this.queue.arm(),
    });
    this.jobs = {
      repository,
      agenda: options.agenda,
      lightning: options.lightning,
      clock: options.clock,
      live: this.live,
    };
    repository.onChange((change) => {
      if (this.started && !this.stopping) this.deliveries.track(this.live.apply(change));
    });
  }

  /** Loads every schedule, catches up on what was missed while down, then runs until `stop()`. */
  async start(): Promise<void> {
    await this.changes.mark();
    await this.live.reloadAll();
    await this.live.loadReminders();
    this.started = true;
    this.queue.start();
    this.changes.start();
  }

  /** Stops firing; posts in progress finish, retries waiting are abandoned and their claims released. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.queue.stop();
    const polled = this.changes.stop();
    this.deliveries.abandon();
    await polled;
    await this.deliveries.idle();
  }

  /**
   * The agenda of a community changed (an event file added, moved or removed): its reminders are
   * derived again from the new agenda, from where this process had got to.
   */
  agendaChanged(communityId: string): void {
    const live = this.live.reminders.get(communityId);
    if (live) this.live.installReminders(communityId, { ...live.state, watermark: live.progress.considered });
  }

  /** Schedules and reminder queues loaded (diagnostics, bench). */
  get size(): { schedules: number; queued: number } {
    return { schedules: this.live.schedules.size, queued: this.queue.size };
  }

  private get platforms(): readonly Platform[] {
    return this.options.platforms ?? ALL_PLATFORMS;
  }

  private now(): number {
    return this.options.clock.now().toMillis();
  }

  private fire(entry: Entry, now: number): void {
    if (entry.kind === 'verify') return this.deliveries.track(this.deliveries.verify(entry.job));
    if (entry.kind === 'schedule') return this.fireSchedule(entry.key, entry.version, entry.at, now);
    return this.fireReminders(entry.communityId, entry.version, entry.at, now);
  }

  private fireSchedule(key: string, version: number, at: number, now: number): void {
    const live = this.live.schedules.get(key);
    if (!live || live.version !== version || live.record.paused) return;
    const community = this.options.communities.get(live.record.communityId) as Community;
    const next = this.skipMissed(
      live.progress,
      at,
      now,
      community.schedule,
      (t) => this.live.nextOf(live, t),
      (last, count) =>
        this.recordMissed(
          scheduleTargets(live.record, community, this.platforms).map((target) =>
            targetKey(occurrenceKey(live.record.communityId, live.record.id, last), target.platform),
          ),
          last,
          count,
          (outcome) => saveScheduleState(this.options.repository, live, outcome),
        ),
    );
    if (next === undefined) return;
    if (next > now) return this.queue.push({ at: next, kind: 'schedule', key, version });
    live.progress.considered = Math.max(live.progress.considered, next);
    const following = this.live.nextOf(live, next);
    if (following !== undefined) this.queue.push({ at: following, kind: 'schedule', key, version });
    for (const target of scheduleTargets(live.record, community, this.platforms))
      this.deliveries.enqueue(scheduleJob(this.jobs, live, community, next, target));
  }

  private fireReminders(communityId: string, version: number, at: number, now: number): void {
    const live = this.live.reminders.get(communityId);
    if (!live || live.version !== version) return;
    const community = this.options.communities.get(communityId) as Community;
    const agenda = this.options.agenda(communityId);
    const next = this.skipMissed(
      live.progress,
      at,
      now,
      community.schedule,
      (t) => nextReminderAt(agenda, community.reminders, t),
      (last, count) => {
        const [first] = remindersAt(agenda, community.reminders, last);
        const key = first
          ? reminderKey(communityId, first.event.id, first.label, last)
          : `${communityId}:reminder:${last}`;
        const keys = reminderTargets(community, this.platforms).map((target) => targetKey(key, target.platform));
        return this.recordMissed(keys, last, count, (outcome) =>
          saveReminderState(this.options.repository, live, outcome),
        );
      },
    );
    if (next === undefined) return;
    if (next > now) return this.queue.push({ at: next, kind: 'reminders', communityId, version });
    live.progress.considered = Math.max(live.progress.considered, next);
    const following = nextReminderAt(agenda, community.reminders, next);
    if (following !== undefined) this.queue.push({ at: following, kind: 'reminders', communityId, version });
    const targets = reminderTargets(community, this.platforms);
    for (const occurrence of remindersAt(agenda, community.reminders, next)) {
      for (const target of targets)
        this.deliveries.enqueue(reminderJob(this.jobs, live, community, occurrence, next, target));
    }
  }

  /**
   * Passes over the occurrences not to post (too late, or superseded by a later one: catchUp.ts),
   * records them as missed, together, and returns the first occurrence still to post, if any.
   */
  private skipMissed(
    progress: Progress,
    at: number,
    now: number,
    settings: ScheduleSettings,
    next: (after: number) => number | undefined,
    record: (last: number, count: number) => Promise<void>,
  ): number | undefined {
    const { post, missed } = catchUp(at, now, settings, next);
    if (missed) {
      progress.considered = Math.max(progress.considered, missed.last);
      this.deliveries.track(record(missed.last, missed.count));
    }
    return post;
  }

  private async recordMissed(
    keys: string[],
    at: number,
    count: number,
    save: (outcome: OccurrenceOutcome) => Promise<void>,
  ): Promise<void> {
    // Another process may have posted it (on any of its platforms) while this one was down: then it was not missed.
    for (const key of keys) if (await this.options.repository.outcome(key)) return;
    await save({ at, result: 'missed', count: count > 1 ? count : undefined, recordedAt: this.now() });
    this.options.onResult?.('missed', count);
  }
}

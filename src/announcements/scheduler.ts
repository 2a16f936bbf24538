import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Agenda, LightningTalks } from '../agenda/agenda.ts';
import { presenceOn, type Community } from '../config/community.ts';
import type { Clock } from '../core/clock.ts';
import type { Platform } from '../core/invocation.ts';
import type { Logger } from '../core/logger.ts';
import { UnknownChannelError, type Poster } from '../core/poster.ts';
import { say, type Reply } from '../core/reply.ts';
import type { Lease, Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/storeErrors.ts';
import { catchUp } from './catchUp.ts';
import { compileCron, type CronSpec } from './cron.ts';
import { Heap } from './heap.ts';
import { announceMessages as m } from './messages.ts';
import {
  occurrenceKey,
  reminderKey,
  scheduleKey,
  targetKey,
  targetLabel,
  type OccurrenceOutcome,
  type ScheduleState,
  type ScheduleTiming,
  type Target,
} from './model.ts';
import { nextCronRun } from './occurrences.ts';
import { withOutcome } from './outcomes.ts';
import { nextReminderAt, remindersAt } from './reminders.ts';
import { announcementReply, instant, reminderReply } from './compose.ts';
import type { AnnouncementRepository, Change } from './repository.ts';
import { leaseMs, type ScheduleSettings } from './settings.ts';
import { ALL_PLATFORMS, reminderTargets, scheduleTargets } from './targets.ts';
import { time } from '../core/text.ts';

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

/** Longest a single timer is armed, so that a wall-clock jump (suspend, NTP) is noticed within a minute. */
const MAX_TIMER_MS = 60_000;
/** A change-log entry still missing after this long is taken as lost: everything is reloaded. */
const LOST_CHANGE_MS = 10_000;

type Entry =
  | { at: number; seq: number; kind: 'schedule'; key: string; version: number }
  | { at: number; seq: number; kind: 'reminders'; communityId: string; version: number }
  | { at: number; seq: number; kind: 'verify'; job: Job };

/**
 * Which occurrences of one schedule (or of one community's reminders) this process has seen, and
 * which are not settled yet. The watermark it writes never passes an occurrence it has not seen
 * settled, so start-up after a crash reconsiders exactly the unfinished ones.
 */
class Progress {
  /** Allocated on first use: 100,000 idle schedules need none. */
  private unresolved: Map<number, number> | undefined;

  constructor(public considered: number) {}

  begin(at: number): void {
    this.unresolved ??= new Map();
    this.unresolved.set(at, (this.unresolved.get(at) ?? 0) + 1);
  }

  end(at: number): void {
    if (!this.unresolved) return;
    const left = (this.unresolved.get(at) ?? 1) - 1;
    if (left <= 0) this.unresolved.delete(at);
    else this.unresolved.set(at, left);
    if (this.unresolved.size === 0) this.unresolved = undefined;
  }

  watermark(): number {
    let low = this.considered;
    for (const at of this.unresolved?.keys() ?? []) low = Math.min(low, at - 1);
    return low;
  }
}

interface LiveSchedule {
  record: ScheduleTiming;
  spec?: CronSpec;
  progress: Progress;
  version: number;
}

interface LiveReminders {
  communityId: string;
  progress: Progress;
  version: number;
  state: ScheduleState;
}

/** One occurrence to post: its identity (claim and idempotency key), where, and how to record it. */
interface Job {
  key: string;
  at: number;
  community: Community;
  platform: Platform;
  channel: string;
  progress: Progress;
  /** The post; undefined when there is nothing to post any more (cancelled meanwhile). */
  build(): Promise<Reply | undefined>;
  /** Still wanted (not cancelled or paused since it was queued). */
  wanted(): boolean;
  record(outcome: OccurrenceOutcome): Promise<void>;
  channelGone(): Promise<void>;
  failureNotice(outcome: OccurrenceOutcome): Reply;
}

type Delivery = OccurrenceOutcome | 'aborted' | 'gone';

/**
 * Posts reminders and organisers' announcements, exactly once across every process on one store.
 *
 * - One timer over a binary heap of next occurrences (node-cron's one-timer-per-task costs ~19 s
 *   and ~480 MB for 100,000 tasks); node-cron validates and expands the expressions (cron.ts).
 * - Each occurrence has an identity (schedule + instant, or event + reminder + instant). It is
 *   claimed in the store with a lease (`store.claim`), posted with retries and backoff, then
 *   settled and its outcome recorded. A process that loses a claim checks back when the lease
 *   expires, so an occurrence whose claimer died is posted by another process (or on restart).
 * - Per-schedule watermarks in the store say what start-up still has to consider; an occurrence
 *   later than the starting deadline is recorded as missed instead of posted.
 * - Schedules created by another process are picked up by polling a change log (`pollMs`).
 */
export class Scheduler {
  private readonly heap = new Heap<Entry>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private readonly schedules = new Map<string, LiveSchedule>();
  private readonly reminders = new Map<string, LiveReminders>();
  private readonly owner: string;
  private readonly inflight = new Set<Promise<void>>();
  private readonly waiting: Job[] = [];
  private readonly sleepers = new Set<() => void>();
  private readonly missingSince = new Map<number, number>();
  private running = 0;
  private seq = 0;
  private version = 0;
  private rev = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Number.POSITIVE_INFINITY;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: SchedulerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    options.repository.onChange((change) => {
      if (this.started && !this.stopping) this.track(this.apply(change));
    });
  }

  /** Loads every schedule, catches up on what was missed while down, then runs until `stop()`. */
  async start(): Promise<void> {
    this.rev = await this.options.repository.revision();
    await this.reloadAll();
    await this.loadReminders();
    this.started = true;
    this.arm();
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 2_000);
  }

  /** Stops firing; posts in progress finish, retries waiting are abandoned and their claims released. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.pollTimer);
    this.waiting.length = 0;
    for (const wake of this.sleepers) wake();
    await this.polling;
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * The agenda of a community changed (an event file added, moved or removed): its reminders are
   * derived again from the new agenda, from where this process had got to.
   */
  agendaChanged(communityId: string): void {
    const live = this.reminders.get(communityId);
    if (live) this.installReminders(communityId, { ...live.state, watermark: live.progress.considered });
  }

  /** Schedules and reminder queues loaded (diagnostics, bench). */
  get size(): { schedules: number; queued: number } {
    return { schedules: this.schedules.size, queued: this.heap.size };
  }

  private get platforms(): readonly Platform[] {
    return this.options.platforms ?? ALL_PLATFORMS;
  }

  private now(): number {
    return this.options.clock.now().toMillis();
  }

  // ---- loading -------------------------------------------------------------------------------

  private async reloadAll(): Promise<void> {
    const { repository, communities } = this.options;
    const seen = new Set<string>();
    await repository.forEachSchedule([...communities.keys()], (record, state) => {
      seen.add(scheduleKey(record.communityId, record.id));
      this.install(record, state);
    });
    for (const key of this.schedules.keys()) if (!seen.has(key)) this.schedules.delete(key);
  }

  private install(record: ScheduleTiming, state: ScheduleState | undefined): void {
    const key = scheduleKey(record.communityId, record.id);
    const community = this.options.communities.get(record.communityId);
    if (!community) return;
    let spec: CronSpec | undefined;
    if (record.cron) {
      const check = compileCron(record.cron);
      if (!check.ok) {
        this.options.logger.error({ schedule: key, cron: record.cron }, 'stored cron expression is invalid; schedule ignored');
        return;
      }
      spec = check.spec;
    }
    const previous = this.schedules.get(key);
    const progress = previous?.progress ?? new Progress(record.from);
    progress.considered = Math.max(progress.considered, state?.watermark ?? record.from, record.from);
    const live: LiveSchedule = { record, spec, progress, version: ++this.version };
    this.schedules.set(key, live);
    if (record.paused) return;
    const first = this.nextOf(live, progress.considered);
    if (first !== undefined) this.push({ at: first, seq: ++this.seq, kind: 'schedule', key, version: live.version });
  }

  private nextOf(live: LiveSchedule, after: number): number | undefined {
    if (live.record.at !== undefined) return live.record.at > after ? live.record.at : undefined;
    const zone = this.options.communities.get(live.record.communityId)?.timezone ?? 'UTC';
    return live.spec ? nextCronRun(live.spec, zone, after) : undefined;
  }

  private async loadReminders(): Promise<void> {
    const ids = [...this.options.communities.values()].filter((c) => c.reminders.enabled && reminderTargets(c, this.platforms).length > 0).map((c) => c.id);
    const states = await this.options.repository.reminderStates(ids);
    ids.forEach((communityId, i) => {
      const state = states[i] ?? { watermark: this.now() };
      // First start for this community: from now on (written in the background, not awaited).
      if (!states[i]) this.track(this.options.repository.saveReminderState(communityId, state));
      this.installReminders(communityId, state);
    });
  }

  private installReminders(communityId: string, state: ScheduleState): void {
    const community = this.options.communities.get(communityId);
    const targets = community ? reminderTargets(community, this.platforms) : [];
    if (!community || targets.length === 0 || !community.reminders.enabled) return;
    const previous = this.reminders.get(communityId);
    const progress = previous?.progress ?? new Progress(state.watermark);
    progress.considered = Math.max(progress.considered, state.watermark);
    const live: LiveReminders = { communityId, progress, version: ++this.version, state };
    this.reminders.set(communityId, live);
    if (targets.every((target) => state.pausedChannel === targetLabel(target))) return;
    const first = nextReminderAt(this.options.agenda(communityId), community.reminders, progress.considered);
    if (first !== undefined) this.push({ at: first, seq: ++this.seq, kind: 'reminders', communityId, version: live.version });
  }

  // ---- changes from this and other processes -------------------------------------------------

  private async apply(change: Change): Promise<void> {
    const { repository } = this.options;
    if (change.id === 0) {
      const [state] = await repository.reminderStates([change.communityId]);
      if (state) this.installReminders(change.communityId, state);
      return;
    }
    const record = await repository.timing(change.communityId, change.id);
    const key = scheduleKey(change.communityId, change.id);
    if (!record) {
      this.schedules.delete(key);
      return;
    }
    const [state] = await repository.states([record]);
    this.install(record, state);
  }

  private poll(): Promise<void> {
    if (this.polling || this.stopping) return this.polling ?? Promise.resolve();
    this.polling = this.pollOnce()
      .catch((error: unknown) => this.logFailure(error, {}, 'could not read schedule changes; will retry'))
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  /** A store outage is logged once by the store itself; every other failure is worth a warning. */
  private logFailure(error: unknown, context: Record<string, unknown>, message: string): void {
    const level = error instanceof StoreUnavailableError ? 'debug' : 'warn';
    this.options.logger[level]({ err: error, ...context }, message);
  }

  private async pollOnce(): Promise<void> {
    const { repository } = this.options;
    const rev = await repository.revision();
    if (rev <= this.rev) return;
    const changes = await repository.changes(this.rev + 1, rev);
    for (const change of changes) {
      const number = this.rev + 1;
      if (!change) {
        // Written by a process that is between its counter increment and its write, or that died there.
        const since = this.missingSince.get(number) ?? this.now();
        this.missingSince.set(number, since);
        if (this.now() - since < LOST_CHANGE_MS) return;
        this.missingSince.clear();
        await this.reloadAll();
        this.rev = rev;
        this.arm();
        return;
      }
      this.missingSince.delete(number);
      await this.apply(change);
      this.rev = number;
    }
  }

  // ---- the queue -----------------------------------------------------------------------------

  private push(entry: Entry): void {
    this.heap.push(entry);
    if (this.started && entry.at < this.armedAt) this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    if (this.stopping) return;
    const head = this.heap.peek();
    if (!head) return;
    const delay = Math.min(Math.max(0, head.at - this.now()), MAX_TIMER_MS);
    this.armedAt = head.at;
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private tick(): void {
    this.timer = undefined;
    const now = this.now();
    for (let head = this.heap.peek(); head && head.at <= now && !this.stopping; head = this.heap.peek()) {
      this.heap.pop();
      this.fire(head, now);
    }
    this.arm();
  }

  private fire(entry: Entry, now: number): void {
    if (entry.kind === 'verify') return this.track(this.verify(entry.job));
    if (entry.kind === 'schedule') return this.fireSchedule(entry.key, entry.version, entry.at, now);
    return this.fireReminders(entry.communityId, entry.version, entry.at, now);
  }

  private fireSchedule(key: string, version: number, at: number, now: number): void {
    const live = this.schedules.get(key);
    if (!live || live.version !== version || live.record.paused) return;
    const community = this.options.communities.get(live.record.communityId) as Community;
    const next = this.skipMissed(live.progress, at, now, community.schedule, (t) => this.nextOf(live, t), (last, count) =>
      this.recordMissed(
        scheduleTargets(live.record, community, this.platforms).map((target) => targetKey(occurrenceKey(live.record.communityId, live.record.id, last), target.platform)),
        last,
        count,
        (outcome) => this.saveScheduleState(live, outcome),
      ),
    );
    if (next === undefined) return;
    if (next > now) return this.push({ at: next, seq: ++this.seq, kind: 'schedule', key, version });
    live.progress.considered = Math.max(live.progress.considered, next);
    const following = this.nextOf(live, next);
    if (following !== undefined) this.push({ at: following, seq: ++this.seq, kind: 'schedule', key, version });
    for (const target of scheduleTargets(live.record, community, this.platforms)) this.enqueue(this.scheduleJob(live, community, next, target));
  }

  private fireReminders(communityId: string, version: number, at: number, now: number): void {
    const live = this.reminders.get(communityId);
    if (!live || live.version !== version) return;
    const community = this.options.communities.get(communityId) as Community;
    const agenda = this.options.agenda(communityId);
    const next = this.skipMissed(live.progress, at, now, community.schedule, (t) => nextReminderAt(agenda, community.reminders, t), (last, count) => {
      const [first] = remindersAt(agenda, community.reminders, last);
      const key = first ? reminderKey(communityId, first.event.id, first.label, last) : `${communityId}:reminder:${last}`;
      const keys = reminderTargets(community, this.platforms).map((target) => targetKey(key, target.platform));
      return this.recordMissed(keys, last, count, (outcome) => this.saveReminderState(live, outcome));
    });
    if (next === undefined) return;
    if (next > now) return this.push({ at: next, seq: ++this.seq, kind: 'reminders', communityId, version });
    live.progress.considered = Math.max(live.progress.considered, next);
    const following = nextReminderAt(agenda, community.reminders, next);
    if (following !== undefined) this.push({ at: following, seq: ++this.seq, kind: 'reminders', communityId, version });
    const targets = reminderTargets(community, this.platforms);
    for (const occurrence of remindersAt(agenda, community.reminders, next)) {
      for (const { platform, channel } of targets) this.enqueue({
        key: targetKey(reminderKey(communityId, occurrence.event.id, occurrence.label, next), platform),
        at: next,
        community,
        platform,
        channel,
        progress: live.progress,
        build: async () => reminderReply(occurrence, community.locale, await this.options.lightning.accepted(communityId, occurrence.event.id)),
        wanted: () => this.reminders.get(communityId)?.state.pausedChannel !== targetLabel({ platform, channel }),
        record: (outcome) => this.saveReminderState(live, outcome),
        channelGone: async () => {
          live.state = { ...live.state, pausedChannel: targetLabel({ platform, channel }) };
          await this.saveReminderState(live);
          // Queued again for the platforms still posting; with none left, paused until resumed.
          this.installReminders(communityId, { ...live.state, watermark: live.progress.considered });
        },
        failureNotice: (outcome) =>
          say(
            outcome.reason === 'channel'
              ? m.t(community.locale, 'channelGoneReminders', { channel })
              : m.t(community.locale, 'failureReminder', { title: occurrence.event.title, channel, when: [time(instant(next))], reason: this.reason(outcome, community, channel) }),
            'channel',
          ),
      });
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
      this.track(record(missed.last, missed.count));
    }
    return post;
  }

  private async recordMissed(keys: string[], at: number, count: number, save: (outcome: OccurrenceOutcome) => Promise<void>): Promise<void> {
    // Another process may have posted it (on any of its platforms) while this one was down: then it was not missed.
    for (const key of keys) if (await this.options.repository.outcome(key)) return;
    await save({ at, result: 'missed', count: count > 1 ? count : undefined, recordedAt: this.now() });
    this.options.onResult?.('missed', count);
  }

  private scheduleJob(live: LiveSchedule, community: Community, at: number, target: Target): Job {
    const { record } = live;
    const key = scheduleKey(record.communityId, record.id);
    return {
      key: targetKey(occurrenceKey(record.communityId, record.id, at), target.platform),
      at,
      community,
      platform: target.platform,
      channel: target.channel,
      progress: live.progress,
      build: async () => {
        const content = await this.options.repository.content(record.communityId, record.id);
        // Cancelled by another process since: nothing to post.
        if (!content) return undefined;
        return announcementReply(content.message, this.options.agenda(record.communityId), this.options.clock.now(), community.locale);
      },
      wanted: () => {
        const current = this.schedules.get(key);
        return current !== undefined && !current.record.paused;
      },
      record: (outcome) => this.saveScheduleState(live, outcome),
      channelGone: async () => {
        const stored = await this.options.repository.get(record.communityId, record.id);
        if (stored && !stored.paused) {
          await this.options.repository.save({ ...stored, paused: { by: 'channel', at: this.now(), reason: targetLabel(target) } });
        }
      },
      failureNotice: (outcome) =>
        say(
          outcome.reason === 'channel'
            ? m.t(community.locale, 'channelGone', { channel: target.channel, id: record.id })
            : m.t(community.locale, 'failureNotice', { id: record.id, channel: target.channel, when: [time(instant(at))], reason: this.reason(outcome, community, target.channel) }),
          'channel',
        ),
    };
  }

  private async saveScheduleState(live: LiveSchedule, last?: OccurrenceOutcome): Promise<void> {
    const state: ScheduleState = { watermark: live.progress.watermark(), ...(last ? { last } : {}) };
    await this.options.repository.saveState(live.record.communityId, live.record.id, state);
  }

  private async saveReminderState(live: LiveReminders, last?: OccurrenceOutcome): Promise<void> {
    live.state = withOutcome({ ...live.state, watermark: live.progress.watermark() }, last);
    await this.options.repository.saveReminderState(live.communityId, live.state);
  }

  // ---- handling one occurrence ---------------------------------------------------------------

  private enqueue(job: Job): void {
    this.options.onFire?.({ key: job.key, at: job.at }, this.now());
    job.progress.begin(job.at);
    this.waiting.push(job);
    this.drain();
  }

  private drain(): void {
    const limit = this.options.concurrency ?? 64;
    while (this.running < limit && this.waiting.length > 0 && !this.stopping) {
      const job = this.waiting.shift() as Job;
      this.running += 1;
      this.track(
        this.handle(job).finally(() => {
          this.running -= 1;
          this.drain();
        }),
      );
    }
  }

  private track(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => this.options.logger.error({ err: error }, 'scheduled post failed unexpectedly'));
    this.inflight.add(guarded);
    void guarded.finally(() => this.inflight.delete(guarded));
  }

  private async handle(job: Job): Promise<void> {
    let lease: Lease | undefined;
    try {
      lease = await this.options.store.lease(job.key, this.owner, leaseMs(job.community.schedule));
    } catch (error) {
      this.logFailure(error, { occurrence: job.key }, 'could not claim; will check back');
    }
    if (lease) await this.complete(job, lease);
    else this.checkBack(job);
  }

  /** A lost claim: look again when the lease has expired, in case its holder died. */
  private checkBack(job: Job): void {
    if (this.stopping) return;
    const lease = leaseMs(job.community.schedule);
    this.push({ at: this.now() + lease + 250, seq: ++this.seq, kind: 'verify', job });
  }

  private async verify(job: Job): Promise<void> {
    const { repository, store } = this.options;
    let lease: Lease | undefined;
    try {
      if (!job.wanted() || (await repository.outcome(job.key))) return job.progress.end(job.at);
      lease = await store.lease(job.key, this.owner, leaseMs(job.community.schedule));
    } catch (error) {
      // The store is still away (an outage longer than a lease): look again, so that once it is
      // back the occurrence is posted, or recorded missed past its deadline, without a restart.
      this.logFailure(error, { occurrence: job.key }, 'could not check an occurrence; will check back');
      return this.checkBack(job);
    }
    if (lease) return this.complete(job, lease);
    const settings = job.community.schedule;
    if (this.now() - job.at <= settings.startingDeadline + leaseMs(settings)) this.checkBack(job);
    else job.progress.end(job.at);
  }

  /** Holding the claim: post (or record it missed), settle, record the outcome. */
  private async complete(job: Job, lease: Lease): Promise<void> {
    const { store, repository, logger } = this.options;
    if (!job.wanted()) {
      await store.release(job.key, this.owner);
      return job.progress.end(job.at);
    }
    const late = this.now() - job.at > job.community.schedule.startingDeadline;
    const delivery: Delivery = late ? { at: job.at, result: 'missed', recordedAt: this.now() } : await this.deliver(job, lease);
    if (delivery === 'aborted' || delivery === 'gone') {
      await store.release(job.key, this.owner);
      if (delivery === 'gone') job.progress.end(job.at);
      return;
    }
    // Fenced by our grant's token, not only our owner id: a later grant of the same key to this
    // same owner (a restart under a fixed owner id, a second handling here) is not ours to settle.
    const settled = await store.settle(job.key, this.owner, { retentionMs: job.community.schedule.retention, token: lease.token });
    job.progress.end(job.at);
    // Our lease expired (a paused process) and another took the occurrence over: the outcome is
    // theirs to record, ours would overwrite it.
    if (!settled) return logger.warn({ occurrence: job.key }, 'occurrence taken over by another process after our lease expired: its outcome stands');
    await repository.saveOutcome(job.key, delivery);
    this.options.onResult?.(delivery.result, 1);
    await job.record(delivery);
    if (delivery.result !== 'failed') return;
    logger.error({ occurrence: job.key, reason: delivery.reason }, 'scheduled post failed after its retries');
    if (delivery.reason === 'channel') await job.channelGone();
    await this.notifyOrganisers(job, delivery);
  }

  private async deliver(job: Job, lease: Lease): Promise<Delivery> {
    const settings = job.community.schedule;
    let lastError = '';
    for (let attempt = 0; attempt <= settings.retries; attempt++) {
      if (this.stopping) return 'aborted';
      try {
        const reply = await job.build();
        if (!reply) return 'gone';
        this.options.onDeliver?.({ key: job.key, at: job.at }, this.now());
        await withTimeout(
          this.options.poster.post({ communityId: job.community.id, platform: job.platform, channel: job.channel }, reply, {
            idempotencyKey: job.key,
            // A retry, or a claim granted before (its holder died or stalled after posting, maybe).
            maybePosted: attempt > 0 || lease.token > 1,
          }),
          settings.postTimeout,
        );
        return { at: job.at, result: 'posted', recordedAt: this.now() };
      } catch (error) {
        if (error instanceof UnknownChannelError) return { at: job.at, result: 'failed', reason: 'channel', recordedAt: this.now() };
        lastError = error instanceof Error ? error.message : String(error);
        this.options.logger.warn({ occurrence: job.key, attempt: attempt + 1, err: error }, 'post failed');
        if (attempt < settings.retries) {
          this.options.onResult?.('retried', 1);
          await this.sleep(settings.retryDelay * 2 ** attempt * (0.8 + Math.random() * 0.4));
        }
      }
    }
    return { at: job.at, result: 'failed', reason: lastError.slice(0, 300), recordedAt: this.now() };
  }

  private reason(outcome: OccurrenceOutcome, community: Community, channel: string) {
    return outcome.reason === 'channel' ? m.t(community.locale, 'reasonChannel', { channel }) : (outcome.reason ?? '');
  }

  /**
   * Tells the organisers on the platform where the post failed: their channel there if configured,
   * else a DM to each organiser named by id there.
   */
  private async notifyOrganisers(job: Job, outcome: OccurrenceOutcome): Promise<void> {
    const { poster, logger } = this.options;
    const { community, platform } = job;
    const presence = presenceOn(community, platform);
    const channel = presence?.channels.organisers;
    const organisers = presence?.organisers ?? [];
    const notice = job.failureNotice(outcome);
    const idempotencyKey = `${job.key}:failure`;
    try {
      if (channel && channel !== job.channel) {
        await poster.post({ communityId: community.id, platform, channel }, notice, { idempotencyKey });
        return;
      }
      for (const memberId of organisers) await poster.dm({ communityId: community.id, platform, memberId }, notice, { idempotencyKey });
      if (organisers.length === 0) logger.error({ community: community.id }, 'no organisers channel nor organiser ids to tell about a failed post');
    } catch (error) {
      logger.error({ err: error, occurrence: job.key }, 'could not tell the organisers about a failed post');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the platform did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

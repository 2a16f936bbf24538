import type { Agenda } from '../agenda/agenda.ts';
import type { Community } from '../config/community.ts';
import type { Platform } from '../core/invocation.ts';
import type { Logger } from '../core/logger.ts';
import { compileCron, type CronSpec } from './cron.ts';
import { scheduleKey, targetLabel, type ScheduleState, type ScheduleTiming } from './model.ts';
import { nextCronRun } from './occurrences.ts';
import { Progress } from './progress.ts';
import { nextReminderAt } from './reminders.ts';
import type { AnnouncementRepository, Change } from './repository.ts';
import { reminderTargets } from './targets.ts';

export interface LiveSchedule {
  record: ScheduleTiming;
  spec?: CronSpec;
  progress: Progress;
  version: number;
}

export interface LiveReminders {
  communityId: string;
  progress: Progress;
  version: number;
  state: ScheduleState;
}

/** The next firing of a schedule or of a community's reminders; stale once its `version` is not the live one. */
export type Due =
  | { at: number; kind: 'schedule'; key: string; version: number }
  | { at: number; kind: 'reminders'; communityId: string; version: number };

export interface LiveOptions {
  repository: AnnouncementRepository;
  communities: ReadonlyMap<string, Community>;
  agenda(communityId: string): Agenda;
  /** The platforms running in this process. */
  platforms: readonly Platform[];
  logger: Logger;
  now(): number;
  /** Queues the first firing of what was (re)installed. */
  due(entry: Due): void;
  /** Runs a write in the background (not awaited). */
  track(work: Promise<void>): void;
}

/**
 * The schedules and reminder queues this process follows, loaded from the store and installed
 * again when they change (here, in another process, or when an agenda changes). Installing one
 * queues its first occurrence after what was already considered.
 */
export class LiveSchedules {
  readonly schedules = new Map<string, LiveSchedule>();
  readonly reminders = new Map<string, LiveReminders>();
  private version = 0;

  constructor(private readonly options: LiveOptions) {}

  async reloadAll(): Promise<void> {
    const { repository, communities } = this.options;
    const seen = new Set<string>();
    await repository.forEachSchedule([...communities.keys()], (record, state) => {
      seen.add(scheduleKey(record.communityId, record.id));
      this.install(record, state);
    });
    for (const key of this.schedules.keys()) if (!seen.has(key)) this.schedules.delete(key);
  }

  install(record: ScheduleTiming, state: ScheduleState | undefined): void {
    const key = scheduleKey(record.communityId, record.id);
    const community = this.options.communities.get(record.communityId);
    if (!community) return;
    let spec: CronSpec | undefined;
    if (record.cron) {
      const check = compileCron(record.cron);
      if (!check.ok) {
        this.options.logger.error(
          { schedule: key, cron: record.cron },
          'stored cron expression is invalid; schedule ignored',
        );
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
    if (first !== undefined) this.options.due({ at: first, kind: 'schedule', key, version: live.version });
  }

  nextOf(live: LiveSchedule, after: number): number | undefined {
    if (live.record.at !== undefined) return live.record.at > after ? live.record.at : undefined;
    const zone = this.options.communities.get(live.record.communityId)?.timezone ?? 'UTC';
    return live.spec ? nextCronRun(live.spec, zone, after) : undefined;
  }

  async loadReminders(): Promise<void> {
    const { communities, platforms, repository } = this.options;
    const ids = [...communities.values()]
      .filter((c) => c.reminders.enabled && reminderTargets(c, platforms).length > 0)
      .map((c) => c.id);
    const states = await repository.reminderStates(ids);
    ids.forEach((communityId, i) => {
      const state = states[i] ?? { watermark: this.options.now() };
      // First start for this community: from now on (written in the background, not awaited).
      if (!states[i]) this.options.track(repository.saveReminderState(communityId, state));
      this.installReminders(communityId, state);
    });
  }

  installReminders(communityId: string, state: ScheduleState): void {
    const community = this.options.communities.get(communityId);
    const targets = community ? reminderTargets(community, this.options.platforms) : [];
    if (!community || targets.length === 0 || !community.reminders.enabled) return;
    const previous = this.reminders.get(communityId);
    const progress = previous?.progress ?? new Progress(state.watermark);
    progress.considered = Math.max(progress.considered, state.watermark);
    const live: LiveReminders = { communityId, progress, version: ++this.version, state };
    this.reminders.set(communityId, live);
    if (targets.every((target) => state.pausedChannel === targetLabel(target))) return;
    const first = nextReminderAt(this.options.agenda(communityId), community.reminders, progress.considered);
    if (first !== undefined) this.options.due({ at: first, kind: 'reminders', communityId, version: live.version });
  }

  /** A change from the change log (id 0: a community's reminders), read back from the store. */
  async apply(change: Change): Promise<void> {
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
}

import type { Agenda, LightningTalks } from '../agenda/agenda.ts';
import type { Community } from '../config/community.ts';
import type { Clock } from '../core/clock.ts';
import { say } from '../core/reply.ts';
import { time } from '../core/text.ts';
import { announcementReply, instant, reminderReply } from './compose.ts';
import type { Job } from './delivery.ts';
import type { LiveReminders, LiveSchedule, LiveSchedules } from './live.ts';
import { announceMessages as m } from './messages.ts';
import {
  occurrenceKey,
  reminderKey,
  scheduleKey,
  targetKey,
  targetLabel,
  type OccurrenceOutcome,
  type ScheduleState,
  type Target,
} from './model.ts';
import { withOutcome } from './outcomes.ts';
import type { ReminderOccurrence } from './reminders.ts';
import type { AnnouncementRepository } from './repository.ts';

/** What building a job needs: where its post comes from, and the live schedules it belongs to. */
export interface JobContext {
  repository: AnnouncementRepository;
  agenda(communityId: string): Agenda;
  lightning: LightningTalks;
  clock: Clock;
  live: LiveSchedules;
}

/** One occurrence of an organiser's announcement on one target. */
export function scheduleJob(
  ctx: JobContext,
  live: LiveSchedule,
  community: Community,
  at: number,
  target: Target,
): Job {
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
      const content = await ctx.repository.content(record.communityId, record.id);
      // Cancelled by another process since: nothing to post.
      if (!content) return undefined;
      return announcementReply(content.message, ctx.agenda(record.communityId), ctx.clock.now(), community.locale);
    },
    wanted: () => {
      const current = ctx.live.schedules.get(key);
      return current !== undefined && !current.record.paused;
    },
    record: (outcome) => saveScheduleState(ctx.repository, live, outcome),
    channelGone: async () => {
      const stored = await ctx.repository.get(record.communityId, record.id);
      if (stored && !stored.paused) {
        await ctx.repository.save({
          ...stored,
          paused: { by: 'channel', at: ctx.clock.now().toMillis(), reason: targetLabel(target) },
        });
      }
    },
    failureNotice: (outcome) =>
      say(
        outcome.reason === 'channel'
          ? m.t(community.locale, 'channelGone', { channel: target.channel, id: record.id })
          : m.t(community.locale, 'failureNotice', {
              id: record.id,
              channel: target.channel,
              when: [time(instant(at))],
              reason: reason(outcome, community, target.channel),
            }),
        'channel',
      ),
  };
}

/** One reminder of a meetup, due at `at`, on one target. */
export function reminderJob(
  ctx: JobContext,
  live: LiveReminders,
  community: Community,
  occurrence: ReminderOccurrence,
  at: number,
  target: Target,
): Job {
  const { communityId } = live;
  const { platform, channel } = target;
  return {
    key: targetKey(reminderKey(communityId, occurrence.event.id, occurrence.label, at), platform),
    at,
    community,
    platform,
    channel,
    progress: live.progress,
    build: async () =>
      reminderReply(occurrence, community.locale, await ctx.lightning.accepted(communityId, occurrence.event.id)),
    wanted: () => ctx.live.reminders.get(communityId)?.state.pausedChannel !== targetLabel({ platform, channel }),
    record: (outcome) => saveReminderState(ctx.repository, live, outcome),
    channelGone: async () => {
      live.state = { ...live.state, pausedChannel: targetLabel({ platform, channel }) };
      await saveReminderState(ctx.repository, live);
      // Queued again for the platforms still posting; with none left, paused until resumed.
      ctx.live.installReminders(communityId, { ...live.state, watermark: live.progress.considered });
    },
    failureNotice: (outcome) =>
      say(
        outcome.reason === 'channel'
          ? m.t(community.locale, 'channelGoneReminders', { channel })
          : m.t(community.locale, 'failureReminder', {
              title: occurrence.event.title,
              channel,
              when: [time(instant(at))],
              reason: reason(outcome, community, channel),
            }),
        'channel',
      ),
  };
}

/** A schedule's watermark (and last outcome) as this process has got to. */
export async function saveScheduleState(
  repository: AnnouncementRepository,
  live: LiveSchedule,
  last?: OccurrenceOutcome,
): Promise<void> {
  const state: ScheduleState = { watermark: live.progress.watermark(), ...(last ? { last } : {}) };
  await repository.saveState(live.record.communityId, live.record.id, state);
}

/** A community's reminder state (watermark, last outcome, paused channel) as this process has got to. */
export async function saveReminderState(
  repository: AnnouncementRepository,
  live: LiveReminders,
  last?: OccurrenceOutcome,
): Promise<void> {
  live.state = withOutcome({ ...live.state, watermark: live.progress.watermark() }, last);
  await repository.saveReminderState(live.communityId, live.state);
}

function reason(outcome: OccurrenceOutcome, community: Community, channel: string) {
  return outcome.reason === 'channel' ? m.t(community.locale, 'reasonChannel', { channel }) : (outcome.reason ?? '');
}

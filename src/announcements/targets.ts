import { presences, type Community } from '../config/community.ts';
import type { Platform } from '../core/invocation.ts';
import type { ScheduleTiming, Target } from './model.ts';

/** Every platform, when the running ones are not said (tests, tools). */
export const ALL_PLATFORMS: readonly Platform[] = ['console', 'discord', 'slack'];

/** Where the announcements channel of a platform is set in a community file: the console's is the top-level one. */
export const announcementsSetting = (platform: Platform): string =>
  platform === 'console' ? 'channels.announcements' : `${platform}.channels.announcements`;

/** Meetup reminders go to the announcements channel of each running platform the community is on. */
export function reminderTargets(community: Community, running: readonly Platform[]): Target[] {
  return presences(community, running).flatMap(({ platform, channels }) =>
    channels.announcements ? [{ platform, channel: channels.announcements }] : [],
  );
}

/**
 * A scheduled announcement goes to the channel it names, on the platform it was created on (records
 * from before platforms existed: the console); one that named none, to every platform's
 * announcements channel, like reminders. A platform that is not running is skipped.
 */
export function scheduleTargets(record: ScheduleTiming, community: Community, running: readonly Platform[]): Target[] {
  if (record.everywhere) return reminderTargets(community, running);
  const platform = record.platform ?? 'console';
  return running.includes(platform) ? [{ platform, channel: record.channel }] : [];
}

import type { Platform } from '../core/invocation.ts';
import type { CommunitySettings } from './communitySchema.ts';

/** A community as the bot runs it: its validated settings plus where they came from. */
export interface Community extends CommunitySettings {
  /** From the file name: `config/communities/sre-paris.yaml` → `sre-paris`. */
  id: string;
  /** Absolute folder of its event files. */
  eventsDir: string;
  /** The settings file, for messages. */
  source: string;
}

export type Channels = CommunitySettings['channels'];

/** What a community is on one platform: its channels there, and who organises it there. */
export interface Presence {
  platform: Platform;
  channels: Channels;
  /** User ids (console: user names). */
  organisers: readonly string[];
  /** Roles (Discord), user groups (Slack), role names (console) whose members are organisers. */
  organiserRoles: readonly string[];
}

/**
 * The community on one platform: the console reads the top-level `channels` and `organisers`,
 * Discord and Slack their own section; undefined when the community has no section there.
 */
export function presenceOn(community: Community, platform: Platform): Presence | undefined {
  if (platform === 'console') {
    return {
      platform,
      channels: community.channels,
      organisers: community.organisers.users,
      organiserRoles: community.organisers.roles,
    };
  }
  if (platform === 'discord') {
    const discord = community.discord;
    return (
      discord && {
        platform,
        channels: discord.channels,
        organisers: discord.organisers,
        organiserRoles: discord.organiserRoles,
      }
    );
  }
  const slack = community.slack;
  return (
    slack && { platform, channels: slack.channels, organisers: slack.organisers, organiserRoles: slack.organiserGroups }
  );
}

/** Every platform the community is on among `running`, in that order. */
export function presences(community: Community, running: readonly Platform[]): Presence[] {
  return running.flatMap((platform) => presenceOn(community, platform) ?? []);
}

/** The community's channels on a platform (none when it has no section there). */
export const channelsOn = (community: Community, platform: Platform): Channels =>
  presenceOn(community, platform)?.channels ?? {};

/**
 * Organisers are named per platform, by user id or by role (Slack: user group); the platform may
 * also vouch directly: the console's `--as organiser`, Discord's Manage Events permission (the one
 * that shows the organiser commands). An id listed for one platform never makes an organiser on
 * another, where the same id may be someone else.
 */
export function isOrganiser(
  community: Community,
  member: { id: string; roles: readonly string[]; organiser?: boolean },
  platform: Platform,
): boolean {
  if (platform === 'console' && member.organiser) return true;
  const presence = presenceOn(community, platform);
  if (!presence) return false;
  if (platform === 'discord' && member.organiser) return true;
  return presence.organisers.includes(member.id) || member.roles.some((role) => presence.organiserRoles.includes(role));
}

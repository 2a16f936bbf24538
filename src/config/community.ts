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

/** Organisers are named by user id or by role; a trusted platform may also vouch directly. */
export function isOrganiser(
  community: Community,
  member: { id: string; roles: readonly string[]; organiser?: boolean },
): boolean {
  if (member.organiser) return true;
  const { users, roles } = community.organisers;
  return users.includes(member.id) || member.roles.some((role) => roles.includes(role));
}

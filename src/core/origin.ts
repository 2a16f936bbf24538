import { toLocale } from './i18n.ts';
import type { Origin, Platform } from './invocation.ts';

/** Who acted and where, as a platform's adapter reads it from an event. */
export interface Acting {
  channelId: string;
  userId: string;
  displayName: string;
  /** The client's locale as the platform sends it (`fr`, `en-GB`, `fr-FR`); undefined when unknown. */
  locale: string | undefined;
  /** Role or group ids (and names) the member holds, matched against the organiser lists. */
  roles: string[];
  /** The platform itself vouches that they organise (a permission it grants); the config decides which platforms may. */
  organiser?: boolean;
}

/** The neutral Origin of a platform event: every adapter builds it this one way. */
export function originOf(communityId: string, platform: Platform, acting: Acting): Origin {
  return {
    communityId,
    platform,
    channelId: acting.channelId,
    member: {
      id: acting.userId,
      displayName: acting.displayName,
      locale: toLocale(acting.locale),
      roles: acting.roles,
      ...(acting.organiser ? { organiser: true } : {}),
    },
  };
}

/** Communities by their id on one platform (a Discord guild, a Slack team); those not on it are left out. */
export function communitiesByPlatformId<C>(
  communities: Iterable<C>,
  platformId: (community: C) => string | undefined,
): Map<string, C> {
  const byId = new Map<string, C>();
  for (const community of communities) {
    const id = platformId(community);
    if (id) byId.set(id, community);
  }
  return byId;
}

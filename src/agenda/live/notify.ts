import { randomUUID } from 'node:crypto';
import { presences, type Community } from '../../config/community.ts';
import type { Logger } from '../../core/logger.ts';
import { runningPlatforms, type Poster } from '../../core/poster.ts';
import { say } from '../../core/reply.ts';
import type { Text } from '../../core/text.ts';
import type { Store } from '../../store/store.ts';

/** Tells a community's organisers something once, whatever the number of processes watching. */
export type TellOrganisers = (community: Community, key: string, text: Text) => Promise<void>;

const ALL = ['console', 'discord', 'slack'] as const;
const REMEMBERED_MS = 30 * 86_400_000;

/**
 * Organisers hear it in their channel on each running platform, else by DM to those named there.
 * `key` names the news (a file and its modification time, a source and its failing streak): the
 * first process to claim it in the store tells, the others stay quiet.
 */
export function organiserNotices(store: Store, poster: Poster, logger: Logger): TellOrganisers {
  const owner = randomUUID();
  return async (community, key, text) => {
    const claimKey = `agenda-notice:${community.id}:${key}`;
    if (!(await store.claim(claimKey, owner, 60_000))) return;
    const notice = say(text);
    for (const presence of presences(community, runningPlatforms(poster) ?? ALL)) {
      const target = { communityId: community.id, platform: presence.platform };
      try {
        if (presence.channels.organisers)
          await poster.post({ ...target, channel: presence.channels.organisers }, notice, { idempotencyKey: claimKey });
        else
          for (const memberId of presence.organisers)
            await poster.dm({ ...target, memberId }, notice, { idempotencyKey: claimKey });
      } catch (error) {
        logger.error(
          { err: error, community: community.id, notice: key },
          'could not tell the organisers about an agenda problem',
        );
      }
    }
    await store.settle(claimKey, owner, { retentionMs: REMEMBERED_MS });
  };
}

import type { Writable } from 'node:stream';
import type { Community } from '../../config/community.ts';
import type { Clock } from '../../core/clock.ts';
import type { DmTarget, PostOptions, Poster, PostTarget } from '../../core/poster.ts';
import type { Reply } from '../../core/reply.ts';
import { consoleMessages as m } from './messages.ts';
import { PostJournal } from './postJournal.ts';
import { renderReply } from './render.ts';

export interface ConsolePosterOptions {
  /**
   * A file keeping the idempotency keys of what was written (postJournal.ts): a post whose key it
   * holds is not written again, even by a later process (one killed after posting, before its
   * claim was settled, is otherwise followed by a repeat). Without one, nothing is remembered.
   */
  journal?: string;
}

/** The console's Poster: what the bot says on its own is printed, marked with its channel or recipient. */
export function consolePoster(
  output: Writable,
  communities: ReadonlyMap<string, Community>,
  clock: Clock,
  options: ConsolePosterOptions = {},
): Poster {
  const journal = options.journal ? new PostJournal(options.journal) : undefined;
  const print = (
    communityId: string,
    mark: (locale: Community['locale']) => string,
    reply: Reply,
    key: string | undefined,
  ) => {
    if (key !== undefined && journal?.has(key)) return;
    const community = communities.get(communityId);
    if (!community) throw new Error(`unknown community ${communityId}`);
    // A notice written in its reader's language is shown wholly in it, its mark included.
    const locale = reply.locale ?? community.locale;
    const view = { zone: community.timezone, locale, now: clock.now() };
    output.write(`${mark(locale)} ${renderReply(reply, view)}\n`);
    // Right after the write, in the same turn: see PostJournal for why this order.
    if (key !== undefined) journal?.add(key);
  };
  return {
    async post(target: PostTarget, reply: Reply, postOptions?: PostOptions) {
      print(
        target.communityId,
        (locale) => m.s(locale, 'postedTo', { channel: target.channel }),
        reply,
        postOptions?.idempotencyKey,
      );
    },
    async dm(target: DmTarget, reply: Reply, postOptions?: PostOptions) {
      print(
        target.communityId,
        (locale) => m.s(locale, 'dmTo', { member: target.memberId }),
        reply,
        postOptions?.idempotencyKey,
      );
    },
  };
}

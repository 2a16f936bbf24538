import type { Writable } from 'node:stream';
import type { Community } from '../../config/community.ts';
import type { Clock } from '../../core/clock.ts';
import type { DmTarget, PostOptions, Poster, PostTarget } from '../../core/poster.ts';
import type { Reply } from '../../core/reply.ts';
import { consoleMessages as m } from './messages.ts';
import { renderReply } from './render.ts';

/** The console's Poster: what the bot says on its own is printed, marked with its channel or recipient. */
export function consolePoster(output: Writable, communities: ReadonlyMap<string, Community>, clock: Clock): Poster {
  const print = (communityId: string, mark: (locale: Community['locale']) => string, reply: Reply) => {
    const community = communities.get(communityId);
    if (!community) throw new Error(`unknown community ${communityId}`);
    // A notice written in its reader's language is shown wholly in it, its mark included.
    const locale = reply.locale ?? community.locale;
    const view = { zone: community.timezone, locale, now: clock.now() };
    output.write(`${mark(locale)} ${renderReply(reply, view)}\n`);
  };
  return {
    async post(target: PostTarget, reply: Reply, _options?: PostOptions) {
      print(target.communityId, (locale) => m.s(locale, 'postedTo', { channel: target.channel }), reply);
    },
    async dm(target: DmTarget, reply: Reply, _options?: PostOptions) {
      print(target.communityId, (locale) => m.s(locale, 'dmTo', { member: target.memberId }), reply);
    },
  };
}

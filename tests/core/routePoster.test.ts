import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/invocation.ts';
import { routePoster, runningPlatforms, UnknownChannelError, type Poster } from '../../src/core/poster.ts';
import { say } from '../../src/core/reply.ts';
import { plain } from '../../src/core/text.ts';

/** A poster that notes what reached it, under its platform's name. */
function noting(platform: Platform, seen: string[]): Poster {
  return {
    post: async (target, _reply, options) =>
      void seen.push(`${platform} post ${target.channel} ${options?.idempotencyKey ?? ''}`.trim()),
    dm: async (target) => void seen.push(`${platform} dm ${target.memberId}`),
  };
}

describe('routePoster', () => {
  it('hands each target to the poster of its own platform', async () => {
    const seen: string[] = [];
    const poster = routePoster({ discord: noting('discord', seen), slack: noting('slack', seen) });
    await poster.post({ communityId: 'c', platform: 'slack', channel: 'general' }, say([plain('hi')]), {
      idempotencyKey: 'k1',
    });
    await poster.post({ communityId: 'c', platform: 'discord', channel: 'annonces' }, say([plain('hi')]));
    await poster.dm({ communityId: 'c', platform: 'discord', memberId: '42' }, say([plain('hi')]));
    await poster.dm({ communityId: 'c', platform: 'slack', memberId: 'U42' }, say([plain('hi')]));
    expect(seen).toEqual(['slack post general k1', 'discord post annonces', 'discord dm 42', 'slack dm U42']);
    expect(poster.platforms).toEqual(['discord', 'slack']);
  });

  it('refuses a platform that is not running with UnknownChannelError, as a promise rejection', async () => {
    const poster = routePoster({ console: noting('console', []) });
    const posting = poster.post({ communityId: 'c', platform: 'discord', channel: 'annonces' }, say([plain('hi')]));
    await expect(posting).rejects.toBeInstanceOf(UnknownChannelError);
    await expect(posting).rejects.toThrow(/annonces \(discord is not running\)/);
    await expect(
      poster.dm({ communityId: 'c', platform: 'slack', memberId: 'U1' }, say([plain('hi')])),
    ).rejects.toBeInstanceOf(UnknownChannelError);
  });

  it('says which platforms run, so the scheduler posts only there; a plain Poster says nothing', () => {
    expect(runningPlatforms(routePoster({ console: noting('console', []) }))).toEqual(['console']);
    expect(runningPlatforms(routePoster({ slack: noting('slack', []), discord: undefined }))).toEqual(['slack']);
    expect(runningPlatforms(noting('console', []))).toBeUndefined();
  });
});

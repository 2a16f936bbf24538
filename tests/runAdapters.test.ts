import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/core/clock.ts';
import type { BotAdapter } from '../src/core/adapter.ts';
import type { Platform } from '../src/core/invocation.ts';
import { silentLogger } from '../src/core/logger.ts';
import { runAdapters } from '../src/runAdapters.ts';
import { memoryStore } from '../src/store/memoryStore.ts';

function configOnBoth(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-both-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', 'both'), { recursive: true });
  writeFileSync(
    path.join(dir, 'communities', 'both.yaml'),
    [
      'name: Both',
      'timezone: Europe/Paris',
      'locale: en',
      'reminders: { enabled: false }',
      'discord: { guildId: "1", channels: { announcements: annonces } }',
      'slack: { teamId: T1, channels: { announcements: general } }',
    ].join('\n'),
  );
  return dir;
}

/** An adapter that notes its life and what reaches its poster; `onPost` hears each post. */
function fakeAdapter(
  platform: Platform,
  log: string[],
  options: { failStart?: boolean; onPost?: () => void } = {},
): BotAdapter {
  return {
    platform,
    bind: () => void log.push(`${platform} bound`),
    start: async () => {
      if (options.failStart) throw new Error(`${platform} refused the login`);
      log.push(`${platform} started`);
    },
    stop: async () => void log.push(`${platform} stopped`),
    poster: {
      post: async (target) => {
        log.push(`${platform} post ${target.platform}:${target.channel}`);
        options.onPost?.();
      },
      dm: async (target) => void log.push(`${platform} dm ${target.platform}:${target.memberId}`),
    },
  };
}

describe('several platforms in one process', () => {
  it('posts an announcement of a community on both to each platform, through its own adapter', async () => {
    const log: string[] = [];
    let posts = 0;
    let bothPosted!: () => void;
    const done = new Promise<void>((resolve) => (bothPosted = resolve));
    const onPost = () => ++posts === 2 && bothPosted();
    const running = await runAdapters({
      configDir: configOnBoth(),
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      adapters: [fakeAdapter('discord', log, { onPost }), fakeAdapter('slack', log, { onPost })],
    });
    const now = Date.now();
    await running.app.services.announcements.create({
      communityId: 'both',
      channel: 'annonces',
      platform: 'discord',
      everywhere: true,
      message: 'hello',
      at: now + 300,
      createdBy: '42',
      createdAt: now,
      from: now,
    });
    await done;
    await running.stop();
    expect(log.slice(0, 4)).toEqual(['discord bound', 'discord started', 'slack bound', 'slack started']);
    // The two posts run concurrently: either may come first.
    expect(log.slice(4, 6).sort()).toEqual(['discord post discord:annonces', 'slack post slack:general']);
    expect(log.slice(6)).toEqual(['slack stopped', 'discord stopped']);
  });

  it('stops the adapters already started when one cannot start, and says why', async () => {
    const log: string[] = [];
    const running = runAdapters({
      configDir: configOnBoth(),
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      adapters: [fakeAdapter('discord', log), fakeAdapter('slack', log, { failStart: true })],
    });
    await expect(running).rejects.toThrow('slack refused the login');
    expect(log).toEqual(['discord bound', 'discord started', 'slack bound', 'discord stopped']);
  });

  it('refuses two adapters for one platform', async () => {
    const adapters = [fakeAdapter('slack', []), fakeAdapter('slack', [])];
    await expect(
      runAdapters({
        configDir: configOnBoth(),
        clock: systemClock,
        logger: silentLogger,
        store: memoryStore(),
        adapters,
      }),
    ).rejects.toThrow('two adapters for slack');
  });
});

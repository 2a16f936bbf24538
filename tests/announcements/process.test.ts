import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnnouncementRepository } from '../../src/announcements/repository.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';
import { announcingBot, countEach, tempConfig } from '../support/announcingBot.ts';
import { stopAll, whenPrinted, type EmceeProcess } from '../support/emceeProcess.ts';

/**
 * The real `emcee start --stay` (console adapter, posts on stdout), killed with SIGKILL and
 * restarted: every occurrence must be posted exactly once.
 */
const iso = (ms: number) => new Date(ms).toISOString();
afterEach(stopAll);

const start = announcingBot;

/** Announcements written straight to the store, as another bot process would, timed from now. */
async function schedule(storeUrl: string, items: Array<{ message: string; at: number }>): Promise<void> {
  const store = await sqliteStore(storeUrl.replace(/^sqlite:\/\//, ''));
  const repository = new AnnouncementRepository(store);
  for (const { message, at } of items) {
    await repository.create({
      communityId: 'test',
      channel: 'annonces',
      message,
      at,
      createdBy: 'test',
      createdAt: Date.now(),
      from: Date.now(),
    });
  }
  await store.close();
}

/** A bot that has loaded its configuration and answered: timing starts from here, however slow the start. */
async function ready(config: string, env: Record<string, string>): Promise<EmceeProcess> {
  const bot = start(config, env, ['/announce list']);
  await bot.waitFor(
    () => bot.stdout.includes('Scheduled announcements') || bot.stdout.includes('No announcement'),
    'the bot to be up',
    30_000,
  );
  return bot;
}

describe('restart safety (SQLite, one process killed with SIGKILL)', () => {
  it('kill -9 between posts, then restart: each occurrence posted exactly once', { timeout: 90_000 }, async () => {
    const config = tempConfig();
    const env = {
      STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-db-')), 'store.sqlite')}`,
      EMCEE_SCHEDULER_POLL_MS: '200',
    };
    const a = await ready(config, env);
    const first = Date.now() + 1_500;
    const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
    await schedule(
      env.STORE_URL,
      names.map((message, i) => ({ message, at: first + i * 700 })),
    );
    await a.waitFor(() => a.posts().length >= 3, 'three posts', 30_000);
    await a.kill9();
    const before = a.posts();
    expect(before.length).toBeLessThan(10);
    // Down for a moment: some occurrences fall due meanwhile and are caught up at start.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const b = start(config, env);
    await whenPrinted(
      () => a.posts().length + b.posts().length >= 10,
      'every occurrence',
      40_000,
      () => b.stdout + b.stderr,
    );
    // Give a duplicate every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const counts = countEach([...before, ...b.posts()]);
    expect([...counts.keys()].sort()).toEqual(names);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it(
    'kill -9 while posting (claim held, post not made): posted once after the lease expires',
    { timeout: 90_000 },
    async () => {
      const config = tempConfig();
      const env = {
        STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-db-')), 'store.sqlite')}`,
        EMCEE_SCHEDULER_POLL_MS: '200',
      };
      const a = await ready(config, { ...env, EMCEE_TEST_POST_DELAY_MS: '3000' });
      const at = Date.now() + 1_000;
      await schedule(env.STORE_URL, [
        { message: 'during', at },
        { message: 'later', at: at + 60_000 },
      ]);
      await a.waitFor(() => a.stderr.includes('emcee: posting test:1:'), 'the post to start', 30_000);
      await a.kill9();
      expect(a.posts()).toEqual([]);
      const restarted = Date.now();
      const b = start(config, env);
      await b.waitFor(() => b.posts().includes('during'), 'the interrupted occurrence', 40_000);
      // Its claim was still held by the killed process: it waited for the lease (10.2 s with this config).
      expect(Date.now() - restarted).toBeGreaterThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(b.posts()).toEqual(['during']);
    },
  );
});

const withRedis = redisAvailable();
describe.skipIf(!withRedis)('two processes on one Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());

  it(
    '300 occurrences at 20 per second, created elsewhere after both started: each posted exactly once',
    { timeout: 90_000 },
    async () => {
      const config = tempConfig();
      const env = { STORE_URL: server.url, EMCEE_SCHEDULER_POLL_MS: '500' };
      const a = start(config, env, ['/announce list']);
      const b = start(config, env, ['/announce list']);
      // An empty store answers "No scheduled announcement yet": either answer says the bot is up.
      const up = (bot: EmceeProcess) => () =>
        bot.stdout.includes('Scheduled announcements') || bot.stdout.includes('No scheduled announcement');
      await a.waitFor(up(a), 'process A', 60_000);
      await b.waitFor(up(b), 'process B', 60_000);

      // A client that schedules one announcement and exits: the running bots still post it.
      const client = start(config, env, [`/announce at:${iso(Date.now() + 8_000)} message:from-an-exited-client`], []);
      expect(await client.exited).toBe(0);
      expect(client.stdout).toMatch(/^Announcement #1 scheduled in #annonces/);

      // 300 schedules written straight to the store, as another bot process would.
      const store = await redisStore(server.url);
      const repository = new AnnouncementRepository(store);
      const first = Date.now() + 4_000;
      for (let i = 0; i < 300; i++) {
        await repository.create({
          communityId: 'test',
          channel: 'annonces',
          message: `o${i}`,
          at: first + i * 50,
          createdBy: 'test',
          createdAt: Date.now(),
          from: Date.now(),
        });
      }
      await store.close();

      const all = () => [...a.posts(), ...b.posts()];
      await whenPrinted(
        () => all().length >= 301,
        '301 posts',
        40_000,
        () => `A: ${a.posts().length}, B: ${b.posts().length}\n${a.stderr}\n${b.stderr}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const counts = countEach(all());
      expect(counts.size).toBe(301);
      expect([...counts.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(counts.get('from-an-exited-client')).toBe(1);
    },
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { BotAdapter } from '../../src/core/adapter.ts';
import { coreMessages } from '../../src/core/messages.ts';
import type { Reply } from '../../src/core/reply.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Ops } from '../../src/ops/ops.ts';
import { startOpsServer, type OpsServer } from '../../src/ops/server.ts';
import { runAdapters, type RunningAdapters } from '../../src/runAdapters.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { tempConfig } from '../support/announcingBot.ts';
import { failOnUnhandledRejections } from '../fakes/discord/unhandled.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';
import { outcomeWords, textWords } from '../support/words.ts';

failOnUnhandledRejections();
let server: RedisServer | undefined;
let endpoint: OpsServer | undefined;
let running: RunningAdapters | undefined;
afterEach(async () => {
  await running?.stop();
  await endpoint?.close();
  await server?.stop();
  [running, endpoint, server] = [undefined, undefined, undefined];
});

const readyz = async () => (await fetch(`http://127.0.0.1:${endpoint!.port}/readyz`)).status;

/**
 * The bounded version of the 30 s outage of bench/faults.ts: Redis stopped for a few seconds
 * while members use the bot and announcements fall due.
 */
describe.skipIf(!redisAvailable())('Redis stopped under traffic, then back', () => {
  it(
    'answers every command within 3 s with "try again" in the member’s language, says 503 on /readyz, and posts each announcement due meanwhile once after',
    { timeout: 60_000 },
    async () => {
      server = await startRedis();
      const ops = new Ops({ processMetrics: false });
      endpoint = await startOpsServer(ops, { port: 0 });
      const posts: string[] = [];
      const adapter: BotAdapter = {
        platform: 'console',
        bind: () => undefined,
        start: async () => undefined,
        stop: async () => undefined,
        poster: {
          post: async (_target, reply) => void posts.push(JSON.stringify(reply.blocks)),
          dm: async () => undefined,
        },
      };
      const store = await redisStore(server.url, { logger: silentLogger });
      running = await runAdapters({
        configDir: tempConfig(),
        clock: systemClock,
        logger: silentLogger,
        store,
        ops,
        adapters: [adapter],
      });
      const { app } = running;
      const due = Date.now() + 1_500;
      for (let i = 0; i < 3; i++) {
        await app.services.announcements.create({
          communityId: 'test',
          channel: 'annonces',
          message: `during-${i}`,
          at: due + i * 300,
          createdBy: 'boss',
          createdAt: Date.now(),
          from: Date.now(),
        });
      }
      expect(await readyz()).toBe(200);

      const { port, dir } = server;
      await server.stop();
      const ask = (locale: 'fr' | 'en', command: string, text: string) =>
        app.bot.handle({
          communityId: 'test',
          platform: 'console',
          channelId: 'c',
          member: { id: 'boss', displayName: 'boss', roles: [], locale },
          command,
          input: { kind: 'text', text },
        });
      const outageEnds = Date.now() + 3_500;
      while (Date.now() < outageEnds) {
        for (const locale of ['fr', 'en'] as const) {
          for (const [command, text] of [
            ['propose', 'mine'],
            ['announce', 'list'],
          ] as const) {
            const started = performance.now();
            const answer = (await ask(locale, command, text)) as Reply;
            expect(performance.now() - started).toBeLessThan(3_000);
            expect(outcomeWords(answer, 'UTC')).toBe(textWords(coreMessages.t(locale, 'storeUnavailable'), 'UTC'));
          }
        }
        expect(await readyz()).toBe(503);
      }
      expect(posts).toEqual([]);
      server = await startRedis({ port, dir });

      await expect.poll(readyz, { timeout: 10_000, interval: 100 }).toBe(200);
      await expect.poll(() => posts.length, { timeout: 30_000, interval: 100 }).toBe(3);
      // Give a duplicate every chance to show up, then check each went out once.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(posts.map((post) => /during-\d/.exec(post)?.[0]).sort()).toEqual(['during-0', 'during-1', 'during-2']);
      const metrics = await (await fetch(`http://127.0.0.1:${endpoint.port}/metrics`)).text();
      expect(metrics).toMatch(/emcee_store_errors_total\{backend="redis"\} [1-9]/);
      expect(metrics).toContain('emcee_scheduled_posts_total{result="posted"} 3');
    },
  );
  it(
    'posts each announcement due during an outage longer than a claim’s lease once Redis is back, without a restart',
    { timeout: 60_000 },
    async () => {
      server = await startRedis();
      const posts: string[] = [];
      const adapter: BotAdapter = {
        platform: 'console',
        bind: () => undefined,
        start: async () => undefined,
        stop: async () => undefined,
        poster: {
          post: async (_target, reply) => void posts.push(/during-\d/.exec(JSON.stringify(reply.blocks))?.[0] ?? '?'),
          dm: async () => undefined,
        },
      };
      // A lease of 6 s (no retry, 1 s post timeout): the outage below outlasts the first look back.
      const config = tempConfig('retries: 0\n  postTimeout: PT1S');
      running = await runAdapters({
        configDir: config,
        clock: systemClock,
        logger: silentLogger,
        store: await redisStore(server.url, { logger: silentLogger }),
        adapters: [adapter],
      });
      const due = Date.now() + 1_000;
      for (let i = 0; i < 3; i++) {
        await running.app.services.announcements.create({
          communityId: 'test',
          channel: 'annonces',
          message: `during-${i}`,
          at: due + i * 200,
          createdBy: 'boss',
          createdAt: Date.now(),
          from: Date.now(),
        });
      }
      const { port, dir } = server;
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      server = await startRedis({ port, dir });
      await expect.poll(() => posts.length, { timeout: 20_000, interval: 100 }).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(posts.sort()).toEqual(['during-0', 'during-1', 'during-2']);
    },
  );
});

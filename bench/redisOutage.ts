/**
 * Redis stopped for 30 s under traffic (the figure of `npm run bench -- faults`; the bounded
 * version is tests/faults/redisOutage.test.ts): members keep typing commands, announcements fall
 * due, /readyz is polled; then Redis comes back on the same port with the same data.
 */
import { DateTime } from 'luxon';
import { systemClock } from '../src/core/clock.ts';
import type { BotAdapter } from '../src/core/adapter.ts';
import { silentLogger } from '../src/core/logger.ts';
import { coreMessages } from '../src/core/messages.ts';
import type { Reply } from '../src/core/reply.ts';
import { Ops } from '../src/ops/ops.ts';
import { startOpsServer } from '../src/ops/server.ts';
import { renderText } from '../src/platforms/console/render.ts';
import { runAdapters } from '../src/runAdapters.ts';
import { redisStore } from '../src/store/redisStore.ts';
import { tempConfig } from '../tests/support/announcingBot.ts';
import { startRedis } from '../tests/support/redisServer.ts';

export interface OutageFigures {
  commands: number;
  /** Answers during the outage other than "try again" in the member's language. */
  unclear: number;
  slowestMs: number;
  /** /readyz polls during the outage that did not say 503. */
  readyDuringOutage: number;
  /** From Redis back to /readyz 200. */
  readyAfterMs: number;
  due: number;
  posted: number;
  duplicates: number;
  missed: number;
  /** Occurrences with neither a post nor a "missed" record, a minute after Redis came back. */
  unaccounted: number;
  unhandledRejections: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function redisOutage(outageMs = 30_000, due = 30): Promise<OutageFigures> {
  let server = await startRedis();
  const ops = new Ops({ processMetrics: false });
  const endpoint = await startOpsServer(ops, { port: 0 });
  let unhandledRejections = 0;
  const onUnhandled = () => void unhandledRejections++;
  process.on('unhandledRejection', onUnhandled);
  const posts: string[] = [];
  const adapter: BotAdapter = {
    platform: 'console',
    bind: () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    poster: {
      post: async (_target, reply) => void posts.push(/o\d+/.exec(JSON.stringify(reply.blocks))?.[0] ?? '?'),
      dm: async () => undefined,
    },
  };
  // Posts due early in the outage are more than 15 s late when it ends: recorded missed, not posted.
  const config = tempConfig('retries: 1\n  retryDelay: PT1S\n  postTimeout: PT2S\n  startingDeadline: PT15S');
  const store = await redisStore(server.url, { logger: silentLogger });
  const running = await runAdapters({
    configDir: config,
    clock: systemClock,
    logger: silentLogger,
    store,
    ops,
    adapters: [adapter],
  });
  const { app } = running;
  const outageStarts = Date.now() + 2_000;
  for (let i = 0; i < due; i++) {
    await app.services.announcements.create({
      communityId: 'test',
      channel: 'annonces',
      message: `o${i}`,
      at: outageStarts + 500 + (i * (outageMs - 1_000)) / due,
      createdBy: 'boss',
      createdAt: Date.now(),
      from: Date.now(),
    });
  }
  await pause(outageStarts - Date.now());
  const { port, dir } = server;
  await server.stop();
  const figures = { commands: 0, unclear: 0, slowestMs: 0, readyDuringOutage: 0 };
  const until = Date.now() + outageMs;
  const member = async (locale: 'fr' | 'en') => {
    const tryAgain = renderText(coreMessages.t(locale, 'storeUnavailable'), {
      zone: 'UTC',
      locale,
      now: DateTime.utc(),
    });
    while (Date.now() < until) {
      for (const [command, text] of [
        ['propose', 'mine'],
        ['announce', 'list'],
      ] as const) {
        const started = performance.now();
        const answer = (await app.bot.handle({
          communityId: 'test',
          platform: 'console',
          channelId: 'c',
          member: { id: 'boss', displayName: 'boss', roles: [], locale },
          command,
          input: { kind: 'text', text },
        })) as Reply;
        figures.slowestMs = Math.max(figures.slowestMs, performance.now() - started);
        figures.commands++;
        const said = answer.blocks
          .map((block) =>
            'text' in block && Array.isArray(block.text)
              ? renderText(block.text, { zone: 'UTC', locale, now: DateTime.utc() })
              : '',
          )
          .join('');
        if (said !== tryAgain) figures.unclear++;
      }
      await pause(50);
    }
  };
  const probe = async () => {
    while (Date.now() < until) {
      if ((await fetch(`http://127.0.0.1:${endpoint.port}/readyz`)).status !== 503) figures.readyDuringOutage++;
      await pause(500);
    }
  };
  await Promise.all([member('fr'), member('en'), member('fr'), probe()]);
  server = await startRedis({ port, dir });
  const back = Date.now();
  while ((await fetch(`http://127.0.0.1:${endpoint.port}/readyz`)).status !== 200) await pause(50);
  const readyAfterMs = Date.now() - back;
  // Every occurrence settled one way or the other, or a minute passed.
  const outcomes = async () => {
    const metrics = await ops.metrics.exposition();
    const read = (result: string) =>
      Number(new RegExp(`emcee_scheduled_posts_total\\{result="${result}"\\} (\\d+)`).exec(metrics.body)?.[1] ?? 0);
    return { posted: read('posted'), missed: read('missed') };
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { posted, missed } = await outcomes();
    if (posted + missed >= due) break;
    await pause(250);
  }
  await pause(2_000);
  const { missed } = await outcomes();
  const distinct = new Set(posts);
  await running.stop();
  await endpoint.close();
  await server.stop();
  process.off('unhandledRejection', onUnhandled);
  return {
    ...figures,
    readyAfterMs,
    due,
    posted: distinct.size,
    duplicates: posts.length - distinct.size,
    missed,
    unaccounted: Math.max(0, due - distinct.size - missed),
    unhandledRejections,
  };
}

import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { coreMessages } from '../../src/core/messages.ts';
import { renderText } from '../../src/platforms/console/render.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import type { Store } from '../../src/store/store.ts';
import { StoreUnavailableError } from '../../src/store/storeErrors.ts';
import { EmceeProcess, stopAll } from '../support/emceeProcess.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';
import { INFO, recordingLogger, WARN } from './recordingLogger.ts';

const LOST = 'store connection lost';
const BACK = 'store connection back';

let server: RedisServer | undefined;
let store: Store | undefined;
let bot: EmceeProcess | undefined;
afterEach(async () => {
  await stopAll();
  await store?.close();
  await server?.stop();
  [bot, store, server] = [undefined, undefined, undefined];
});

/** Stops the server, then starts it again on the same port with the same data. */
async function outage(during: () => Promise<void>): Promise<void> {
  const { port, dir } = server!;
  await server!.stop();
  await during();
  server = await startRedis({ port, dir });
}

describe.skipIf(!redisAvailable())('a Redis that goes away and comes back', () => {
  it('fails each command at once with StoreUnavailableError, logs the outage once each way, then works again', async () => {
    server = await startRedis();
    const log = recordingLogger();
    store = await redisStore(server.url, { logger: log.logger });
    await store.namespace('proposals').set('p:1', { v: 1 });
    await outage(async () => {
      for (let i = 0; i < 3; i++) {
        await expect(store!.namespace('proposals').get('p:1')).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store!.namespace('proposals').set('p:2', { v: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store!.claim('job', 'me', 1_000)).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store!.increment('ids')).rejects.toBeInstanceOf(StoreUnavailableError);
      }
    });
    await log.next(INFO, BACK);
    expect(await store.namespace('proposals').get('p:1')).toEqual({ v: 1 });
    expect(log.count(WARN, LOST)).toBe(1);
    expect(log.count(INFO, BACK)).toBe(1);
  }, 30_000);

  it('closes at once while Redis is away, so a stop during an outage ends', async () => {
    server = await startRedis();
    const closing = await redisStore(server.url);
    await closing.namespace('proposals').set('p:1', { v: 1 });
    await server.stop();
    server = undefined;
    const started = Date.now();
    await Promise.race([
      closing.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('close() still waiting after 5 s')), 5_000)),
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 20_000);

  it('keeps the bot running: members are told to try again, and the outage is logged once each way', async () => {
    server = await startRedis();
    bot = new EmceeProcess(['start'], { env: { STORE_URL: server.url, EMCEE_LOG_LEVEL: 'info' }, keepInputOpen: true });
    const programme = '== #4 Site Reliability Engineering';
    const unavailable = renderText(coreMessages.t('fr', 'storeUnavailable'), {
      zone: 'UTC',
      locale: 'fr',
      now: DateTime.utc(),
    });
    bot.type('/agenda 4');
    await bot.waitFor(times(programme, 1));
    await outage(async () => {
      // Another meetup than the one just shown: its accepted talks, read a moment ago, are kept a second (lightning.ts).
      bot!.type('/agenda 7');
      bot!.type('/agenda 7');
      await bot!.waitFor(times(unavailable, 2));
    });
    await bot.waitFor(() => bot!.stderr.includes(BACK), 'the store to be back');
    bot.type('/agenda 4');
    await bot.waitFor(times(programme, 2));
    expect(occurrences(bot.stderr, LOST)).toBe(1);
    expect(occurrences(bot.stderr, BACK)).toBe(1);
    expect(bot.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Matches once `part` appears `count` times. */
function times(part: string, count: number): RegExp {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(Array.from({ length: count }, () => escaped).join('[\\s\\S]*'));
}

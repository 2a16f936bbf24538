import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisStore } from '../../src/store/redisStore.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';

describe.skipIf(!redisAvailable())('redis claims retention', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());

  it('gives the claims an older version settled for ever the retention of a claim settled now', async () => {
    const raw = createClient({ url: server.url });
    await raw.connect();
    try {
      await raw.set('emcee:claim:posted-2025', 'p1');
      await raw.set('emcee:claim:running', 'p2', { expiration: { type: 'PX', value: 60_000 } });
      const store = await redisStore(server.url, { retentionMs: 86_400_000 });
      await store.close();
      const persisted = await raw.pTTL('emcee:claim:posted-2025');
      expect(persisted).toBeGreaterThan(86_000_000);
      expect(persisted).toBeLessThanOrEqual(86_400_000);
      expect(await raw.pTTL('emcee:claim:running')).toBeLessThanOrEqual(60_000);
    } finally {
      await raw.quit();
    }
  });
});

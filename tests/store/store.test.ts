import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';

/** One contract, every backend: what a feature may rely on whatever STORE_URL says. */
function contract(name: string, open: () => Promise<Store>) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => store.close());

    it('keeps records per namespace', async () => {
      await store.namespace('a').set('k', { v: 1 });
      await store.namespace('b').set('k', { v: 2 });
      expect(await store.namespace('a').get('k')).toEqual({ v: 1 });
      expect(await store.namespace('b').get('k')).toEqual({ v: 2 });
    });

    it('lets one owner claim a key until the lease expires', async () => {
      expect(await store.claim('job-1', 'p1', 60_000)).toBe(true);
      expect(await store.claim('job-1', 'p2', 60_000)).toBe(false);
      expect(await store.claim('job-2', 'p1', 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.claim('job-2', 'p2', 60_000)).toBe(true);
    });

    it('never gives a settled key again, and a released one at once', async () => {
      expect(await store.claim('job-3', 'p1', 1)).toBe(true);
      await store.settle('job-3', 'p1');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.claim('job-3', 'p2', 60_000)).toBe(false);
      expect(await store.claim('job-4', 'p1', 60_000)).toBe(true);
      await store.release('job-4', 'p2');
      expect(await store.claim('job-4', 'p2', 60_000)).toBe(false);
      await store.release('job-4', 'p1');
      expect(await store.claim('job-4', 'p2', 60_000)).toBe(true);
    });

    it('gives each new holder a greater fencing token, and refuses the settle of a holder taken over', async () => {
      const first = await store.lease('fenced', 'p1', 1);
      expect(first).toMatchObject({ key: 'fenced', owner: 'p1' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await store.lease('fenced', 'p2', 60_000);
      expect(second!.token).toBeGreaterThan(first!.token);
      // p1's lease expired and p2 took over: p1's result must not be recorded.
      expect(await store.settle('fenced', 'p1', { token: first!.token })).toBe(false);
      expect(await store.settle('fenced', 'p2', { token: second!.token })).toBe(true);
      expect(await store.claim('fenced', 'p3', 60_000)).toBe(false);
    });

    it('refuses a stale token even from the same owner, whose second lease replaced its first', async () => {
      const first = await store.lease('same-owner', 'p1', 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await store.lease('same-owner', 'p1', 60_000);
      expect(await store.settle('same-owner', 'p1', { token: first!.token })).toBe(false);
      expect(await store.settle('same-owner', 'p1', { token: second!.token })).toBe(true);
    });

    it('settles a lease that ran out while no one took it over: the work was done once', async () => {
      const lease = await store.lease('ran-out', 'p1', 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.settle('ran-out', 'p2')).toBe(false);
      expect(await store.settle('ran-out', 'p1', { token: lease!.token })).toBe(true);
      expect(await store.claim('ran-out', 'p2', 60_000)).toBe(false);
    });

    it('gives a key its token 1 at its first grant only, whatever other keys were granted', async () => {
      await store.lease('other-key', 'p1', 60_000);
      const first = await store.lease('first-grant', 'p1', 1);
      expect(first!.token).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Taken over: the new holder can tell that an earlier one may have done the work.
      expect((await store.lease('first-grant', 'p2', 60_000))!.token).toBe(2);
    });

    it('keeps a fencing token growing after a release', async () => {
      const first = await store.lease('released', 'p1', 60_000);
      await store.release('released', 'p1');
      const second = await store.lease('released', 'p2', 60_000);
      expect(second!.token).toBeGreaterThan(first!.token);
    });

    it('forgets a settled claim once its retention has passed', async () => {
      expect(await store.claim('retained', 'p1', 60_000)).toBe(true);
      // Long enough that a loaded machine still asks again within it.
      expect(await store.settle('retained', 'p1', { retentionMs: 1_000 })).toBe(true);
      expect(await store.claim('retained', 'p2', 60_000)).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await store.claim('retained', 'p2', 60_000)).toBe(true);
    });

    it('grants each of many concurrent claims to exactly one owner', async () => {
      const attempts = Array.from({ length: 50 }, (_, i) => store.claim('race', `owner-${i}`, 60_000));
      expect((await Promise.all(attempts)).filter(Boolean)).toHaveLength(1);
    });

    it('commits records and counter moves together, the records read back through their namespace', async () => {
      await store.increment('answers', 2);
      const value = { v: 1, text: ':starts with a colon', nested: { list: [1, 'two'] } };
      await store.commit({
        set: [{ namespace: 'committed', key: 'r:1', value }],
        increment: [
          { key: 'answers', delta: 1 },
          { key: 'r5', delta: -1 },
        ],
      });
      expect(await store.namespace('committed').get('r:1')).toEqual(value);
      expect(await store.counters(['answers', 'r5'])).toEqual([3, -1]);
    });

    it('counts atomically', async () => {
      await Promise.all(Array.from({ length: 40 }, () => store.increment('hits')));
      expect(await store.increment('hits', -5)).toBe(35);
      expect(await store.counters(['hits', 'never'])).toEqual([35, 0]);
    });
  });
}

contract('memory', async () => memoryStore());
contract('sqlite', async () => sqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'emcee-')), 'store.sqlite')));

const withRedis = redisAvailable();
describe.skipIf(!withRedis)('redis backend', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());
  contract('redis', async () => redisStore(server.url));
});

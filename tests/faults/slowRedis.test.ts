import { afterEach, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';
import { slowRedisProposals } from './slowRedisScenario.ts';

let server: RedisServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Bounded here (300 ms a reply); bench/faults.ts runs the same with 2 s. */
describe.skipIf(!redisAvailable())('a Redis that answers late', () => {
  it(
    'answers each of three members proposing at once clearly, and keeps every proposal it acknowledged',
    { timeout: 60_000 },
    async () => {
      server = await startRedis();
      const figures = await slowRedisProposals(server, 300, 3);
      expect(figures.unclear).toEqual([]);
      expect(figures.lost).toBe(0);
      expect(figures.acknowledged).toBeGreaterThan(0);
      expect(figures.acknowledged + figures.tryAgain).toBe(3);
    },
  );
});

import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { StoreUnreachableError } from './storeErrors.ts';
import type { Store } from './store.ts';

const PREFIX = 'emcee:';
const CONNECT_TIMEOUT_MS = 5_000;

// Settle and release must only touch a claim the caller still owns: check and act in one script.
const SETTLE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PERSIST', KEYS[1]) end return 0";
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * Redis, shared by several bot processes. Claims are `SET NX PX` leases. Durability of an
 * acknowledged write is the server's: run it with `appendonly yes` (README, "Store").
 */
export async function redisStore(url: string): Promise<Store> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start-up an unreachable server is a configuration error to report, not to retry
      // forever; once connected, reconnect with a capped backoff.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 5_000) : cause),
    },
  });
  client.on('error', () => {
    // Reconnection is the client's job; commands in flight fail and are reported by their callers.
  });
  try {
    await client.connect();
  } catch (error) {
    throw new StoreUnreachableError(url, error);
  }
  connected = true;
  const spaces = new Map<string, Keyv>();
  const key = (name: string) => `${PREFIX}${name}`;

  return {
    kind: 'redis',
    namespace: <T>(name: string) => {
      if (!spaces.has(name)) {
        const adapter = new KeyvRedis(client as never, { keyPrefixSeparator: ':' });
        spaces.set(name, new Keyv({ store: adapter, namespace: `${PREFIX}${name}`, useKeyPrefix: false }));
      }
      return spaces.get(name) as Keyv<T>;
    },
    async claim(name, owner, ttlMs) {
      return (await client.set(key(`claim:${name}`), owner, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK';
    },
    async settle(name, owner) {
      await client.eval(SETTLE, { keys: [key(`claim:${name}`)], arguments: [owner] });
    },
    async release(name, owner) {
      await client.eval(RELEASE, { keys: [key(`claim:${name}`)], arguments: [owner] });
    },
    increment: async (name, delta = 1) => Number(await client.incrBy(key(`count:${name}`), delta)),
    async counters(names) {
      if (names.length === 0) return [];
      const values = await client.mGet(names.map((name) => key(`count:${name}`)));
      return values.map((value) => Number(value ?? 0));
    },
    async close() {
      await client.quit();
    },
  };
}

import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { silentLogger, type Logger } from '../core/logger.ts';
import { StoreUnreachableError } from './storeErrors.ts';
import { StoreHealth } from './storeHealth.ts';
import { DEFAULT_RETENTION_MS, type Lease, type Store } from './store.ts';
import type { Portable } from './portable.ts';
import { expirePersistedClaims } from './redisClaims.ts';
import { redisPortable } from './redisPortable.ts';
import { serialized } from './serialized.ts';

/** Longest a goodbye to a server that answers slowly may take before the connection is dropped. */
const CLOSE_WAIT_MS = 1_000;

const PREFIX = 'emcee:';
const CONNECT_TIMEOUT_MS = 5_000;

// A claim is `claim:K` (its owner, expiring with the lease) and `fence:K` ("TOKEN|OWNER" of the
// last grant, kept a retention longer so the next grant's token is still greater, and so the
// last holder may still settle a lease that ran out while no one took it over). Each operation
// checks and acts in one script, so it is atomic across processes.
const LAST_GRANT = `local function lastGrant(key)
  local fence = redis.call('GET', key)
  if not fence then return 0, nil end
  local sep = string.find(fence, '|', 1, true)
  if not sep then return tonumber(fence) or 0, nil end
  return tonumber(string.sub(fence, 1, sep - 1)) or 0, string.sub(fence, sep + 1)
end
`;
const LEASE = `${LAST_GRANT}
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local token = lastGrant(KEYS[2]) + 1
  redis.call('SET', KEYS[2], token .. '|' .. ARGV[1], 'PX', ARGV[2] + ARGV[3])
  return token
end
return 0`;
// Settle: still the holder (or the last one, its lease run out unclaimed), with the same token
// when given; then keep the claim for its retention only.
const SETTLE = `${LAST_GRANT}
local token, last = lastGrant(KEYS[2])
local holder = redis.call('GET', KEYS[1]) or last
if holder ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' and tostring(token) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * Redis, shared by several bot processes. Claims are `SET NX PX` leases. Durability of an
 * acknowledged write is the server's: run it with `appendonly yes` (README, "Store").
 */
export async function redisStore(
  url: string,
  options: { logger?: Logger; retentionMs?: number } = {},
): Promise<Store & Portable> {
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  let connected = false;
  const health = new StoreHealth('redis', options.logger ?? silentLogger);
  const client = createClient({
    url,
    // While the server is away, a command fails at once (the member is asked to try again)
    // instead of waiting in a queue for as long as the outage lasts.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At start-up an unreachable server is a configuration error to report, not to retry
      // forever; once connected, reconnect with a capped backoff.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 5_000) : cause),
    },
  });
  // Reconnection is the client's job; commands in flight fail and are reported by their callers.
  // The listener also keeps an 'error' event from ending the process.
  client.on('error', (error: unknown) => {
    if (connected) health.lost(error);
  });
  client.on('ready', () => health.back());
  try {
    await client.connect();
  } catch (error) {
    throw new StoreUnreachableError(url, error);
  }
  connected = true;
  await health.run(() => expirePersistedClaims(client as never, PREFIX, retentionMs));
  const spaces = new Map<string, Keyv>();
  const key = (name: string) => `${PREFIX}${name}`;

  const lease = async (name: string, owner: string, ttlMs: number): Promise<Lease | undefined> => {
    const keys = [key(`claim:${name}`), key(`fence:${name}`)];
    const ttl = String(Math.max(1, Math.round(ttlMs)));
    const token = Number(
      await health.run(() => client.eval(LEASE, { keys, arguments: [owner, ttl, String(retentionMs)] })),
    );
    return token > 0 ? { key: name, owner, token } : undefined;
  };

  const namespace = <T>(name: string): Keyv<T> => {
    if (!spaces.has(name)) {
      // Backend failures must reach the caller, not read as "no such record" or a lost write.
      const adapter = health.adapter(new KeyvRedis(client as never, { keyPrefixSeparator: ':', throwOnErrors: true }));
      spaces.set(
        name,
        new Keyv({ store: adapter, namespace: `${PREFIX}${name}`, useKeyPrefix: false, throwOnErrors: true }),
      );
    }
    return spaces.get(name) as Keyv<T>;
  };

  return {
    kind: 'redis',
    ...redisPortable(client as never, PREFIX),
    namespace,
    lease,
    claim: async (name, owner, ttlMs) => (await lease(name, owner, ttlMs)) !== undefined,
    async settle(name, owner, settle = {}) {
      const keys = [key(`claim:${name}`), key(`fence:${name}`)];
      const retention = String(Math.max(1, Math.round(settle.retentionMs ?? DEFAULT_RETENTION_MS)));
      const done = await health.run(() =>
        client.eval(SETTLE, {
          keys,
          arguments: [owner, settle.token === undefined ? '' : String(settle.token), retention],
        }),
      );
      return Number(done) === 1;
    },
    async release(name, owner) {
      await health.run(() => client.eval(RELEASE, { keys: [key(`claim:${name}`)], arguments: [owner] }));
    },
    increment: async (name, delta = 1) => Number(await health.run(() => client.incrBy(key(`count:${name}`), delta))),
    async commit(batch) {
      // MULTI/EXEC: the server applies all of it or none.
      const multi = client.multi();
      for (const { namespace: name, key: record, value } of batch.set ?? []) {
        multi.set(`${PREFIX}${name}:${record}`, await serialized(namespace(name), value));
      }
      for (const { key: name, delta } of batch.increment ?? []) multi.incrBy(key(`count:${name}`), delta);
      await health.run(() => multi.exec());
    },
    async counters(names) {
      if (names.length === 0) return [];
      const values = await health.run(() => client.mGet(names.map((name) => key(`count:${name}`))));
      return values.map((value) => Number(value ?? 0));
    },
    async close() {
      // A server that is away cannot be told goodbye (quit would wait for it to come back, so a
      // stop during an outage would never end): drop the connection instead, at once or after 1 s.
      if (!client.isReady) return void client.destroy();
      const late = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('quit timed out')), CLOSE_WAIT_MS).unref(),
      );
      await Promise.race([client.quit(), late]).catch(() => client.destroy());
    },
  };
}

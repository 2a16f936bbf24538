import Keyv from 'keyv';
import { DEFAULT_RETENTION_MS, type Store } from './store.ts';

interface Held {
  owner: string;
  token: number;
  /** Lease end, or for a settled claim the end of its retention. */
  expires: number;
  settled: boolean;
}

/** In-process store for unit tests and throwaway runs (`STORE_URL=memory://`). */
export function memoryStore(now: () => number = Date.now): Store {
  const claims = new Map<string, Held>();
  // Kept after a release or a settle's end: the next grant of a key gets a greater token.
  const lastTokens = new Map<string, number>();
  const counts = new Map<string, number>();
  const spaces = new Map<string, Keyv>();
  const lease: Store['lease'] = async (key, owner, ttlMs) => {
    const held = claims.get(key);
    if (held && held.expires > now()) return undefined;
    // Per key, as in SQLite and Redis: 1 for a first grant, and only ever growing.
    const token = (lastTokens.get(key) ?? 0) + 1;
    lastTokens.set(key, token);
    claims.set(key, { owner, token, expires: now() + ttlMs, settled: false });
    return { key, owner, token };
  };
  const namespace = <T>(name: string) => {
    if (!spaces.has(name)) spaces.set(name, new Keyv({ namespace: name }));
    return spaces.get(name) as Keyv<T>;
  };
  return {
    kind: 'memory',
    namespace,
    lease,
    claim: async (key, owner, ttlMs) => (await lease(key, owner, ttlMs)) !== undefined,
    async settle(key, owner, options = {}) {
      const held = claims.get(key);
      if (held?.owner !== owner || (options.token !== undefined && held.token !== options.token)) return false;
      claims.set(key, { ...held, settled: true, expires: now() + (options.retentionMs ?? DEFAULT_RETENTION_MS) });
      return true;
    },
    async release(key, owner) {
      if (claims.get(key)?.owner === owner) claims.delete(key);
    },
    async increment(key, delta = 1) {
      const value = (counts.get(key) ?? 0) + delta;
      counts.set(key, value);
      return value;
    },
    // One process's memory: there is no crash to survive, only the order to keep.
    async commit(batch) {
      for (const { namespace: name, key, value } of batch.set ?? []) await namespace(name).set(key, value);
      for (const { key, delta } of batch.increment ?? []) counts.set(key, (counts.get(key) ?? 0) + delta);
    },
    counters: async (keys) => keys.map((key) => counts.get(key) ?? 0),
    close: async () => {},
  };
}

import Keyv from 'keyv';
import type { Store } from './store.ts';

/** In-process store for unit tests and throwaway runs (`STORE_URL=memory://`). */
export function memoryStore(now: () => number = Date.now): Store {
  const claims = new Map<string, { owner: string; expires: number }>();
  const counts = new Map<string, number>();
  const spaces = new Map<string, Keyv>();
  return {
    kind: 'memory',
    namespace: <T>(name: string) => {
      if (!spaces.has(name)) spaces.set(name, new Keyv({ namespace: name }));
      return spaces.get(name) as Keyv<T>;
    },
    async claim(key, owner, ttlMs) {
      const held = claims.get(key);
      if (held && held.expires > now()) return false;
      claims.set(key, { owner, expires: now() + ttlMs });
      return true;
    },
    async settle(key, owner) {
      if (claims.get(key)?.owner === owner) claims.set(key, { owner, expires: Number.POSITIVE_INFINITY });
    },
    async release(key, owner) {
      if (claims.get(key)?.owner === owner) claims.delete(key);
    },
    async increment(key, delta = 1) {
      const value = (counts.get(key) ?? 0) + delta;
      counts.set(key, value);
      return value;
    },
    counters: async (keys) => keys.map((key) => counts.get(key) ?? 0),
    close: async () => {},
  };
}

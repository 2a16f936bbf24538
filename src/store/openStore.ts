import { memoryStore } from './memoryStore.ts';
import { redisStore } from './redisStore.ts';
import { sqliteStore } from './sqliteStore.ts';
import type { Store } from './store.ts';
import { StoreUrlError } from './storeErrors.ts';

export const DEFAULT_STORE_URL = 'sqlite://data/emcee.sqlite';

/** `STORE_URL` picks the backend: `sqlite://path` (default), `redis://host:port`, `memory://`. */
export async function openStore(url = process.env.STORE_URL || DEFAULT_STORE_URL): Promise<Store> {
  if (url.startsWith('sqlite://')) return sqliteStore(url.slice('sqlite://'.length));
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return redisStore(url);
  if (url.startsWith('memory://')) return memoryStore();
  throw new StoreUrlError(url);
}

import { silentLogger, type Logger } from '../core/logger.ts';
import { memoryStore } from './memoryStore.ts';
import { redisStore } from './redisStore.ts';
import { sqliteStore } from './sqliteStore.ts';
import type { Portable } from './portable.ts';
import type { Store } from './store.ts';
import { StoreUrlError } from './storeErrors.ts';

export const DEFAULT_STORE_URL = 'sqlite://data/emcee.sqlite';

/**
 * `STORE_URL` picks the backend: `sqlite://path` (default), `redis://host:port`, `memory://`.
 * The logger hears when the store is lost and when it is back.
 */
export async function openStore(
  url = process.env.STORE_URL || DEFAULT_STORE_URL,
  logger: Logger = silentLogger,
): Promise<Store> {
  if (url.startsWith('sqlite://')) return sqliteStore(url.slice('sqlite://'.length), { logger });
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return redisStore(url, { logger });
  if (url.startsWith('memory://')) return memoryStore();
  throw new StoreUrlError(url);
}

/** The store at `url` with its keys listable, for `emcee store export|import|copy`. */
export async function openPortableStore(url: string, logger: Logger = silentLogger): Promise<Store & Portable> {
  if (url.startsWith('sqlite://')) return sqliteStore(url.slice('sqlite://'.length), { logger });
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return redisStore(url, { logger });
  throw new StoreUrlError(url);
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { silentLogger, type Logger } from '../core/logger.ts';
import { checkSqliteFile } from './sqliteCheck.ts';
import { StoreDamagedError, StoreUnreachableError } from './storeErrors.ts';
import { StoreHealth } from './storeHealth.ts';
import { DEFAULT_RETENTION_MS, type Lease, type Store } from './store.ts';
import { migrateClaims, purgeExpired } from './sqliteClaims.ts';
import type { Portable } from './portable.ts';
import { sqlitePortable } from './sqlitePortable.ts';
import { serialized } from './serialized.ts';
import { prepareCommits } from './sqliteCommits.ts';
import { sqliteTransactions } from './sqliteTransactions.ts';

/** Long enough for another process's write transaction to finish; SQLite serialises writers. */
const BUSY_TIMEOUT_MS = 10_000;
/** Forgotten claims and expired records are deleted this often (and at start-up). */
const PURGE_EVERY_MS = 3_600_000;

export interface SqliteStoreOptions {
  logger?: Logger;
  now?: () => number;
  /** How long an expired or released lease is kept (its fencing token with it); default 30 days. */
  retentionMs?: number;
}

export interface SqliteStore extends Store, Portable {
  /** Deletes settled claims past their retention, old leases and expired keyv records; how many. */
  purge(): Promise<number>;
}

/**
 * Embedded SQLite (the default). Every keyv write is its own committed transaction; WAL with
 * synchronous=FULL makes a committed write survive a crash of the process or of the machine.
 * The file is checked before first use: a damaged one stops start-up (StoreDamagedError).
 */
export async function sqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const health = new StoreHealth('sqlite', options.logger ?? silentLogger);
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const open = () => {
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: BUSY_TIMEOUT_MS });
    // A failed open is also the rejection of every query, which callers handle; without a
    // listener, the adapter's 'error' event alone would end the process.
    adapter.on('error', () => {});
    return adapter;
  };
  const admin = open();
  try {
    await checkSqliteFile(file, (sql) => retryBusy(() => admin.query(sql)));
    await prepare(admin);
    await migrateClaims(admin, now(), retentionMs);
    await prepareCommits(admin);
  } catch (error) {
    await admin.disconnect().catch(() => {});
    throw error instanceof StoreDamagedError ? error : new StoreUnreachableError(`sqlite://${file}`, error);
  }
  guardQueries(admin, health);
  const adapters: KeyvSqlite[] = [admin];
  const spaces = new Map<string, Keyv>();
  // Only `emcee store import` needs this connection: opened on first use.
  const transaction = sqliteTransactions(() => {
    const connection = guardQueries(open(), health);
    connection.query('PRAGMA synchronous = FULL').catch(() => {});
    adapters.push(connection);
    return connection;
  });
  const purge = () => purgeExpired(admin, now(), retentionMs);
  // A purge that fails (store away) is retried at the next tick; the outage is the health's to log.
  const purging = setInterval(() => void purge().catch(() => {}), PURGE_EVERY_MS).unref();
  await purge().catch(() => {});

  const namespace = <T>(name: string): Keyv<T> => {
    if (!spaces.has(name)) {
      const adapter = guardQueries(open(), health);
      // Each connection has its own synchronous setting. A failure here is the store failing:
      // already logged by its health, and every later query on this connection fails too.
      adapter.query('PRAGMA synchronous = FULL').catch(() => {});
      adapters.push(adapter);
      // Backend failures must reach the caller, not read as "no such record" or a lost write.
      spaces.set(name, new Keyv({ store: adapter, namespace: name, throwOnErrors: true }));
    }
    return spaces.get(name) as Keyv<T>;
  };

  /** One statement, so one transaction: insert, or take over an expired lease with the next token. */
  const lease = async (key: string, owner: string, ttlMs: number): Promise<Lease | undefined> => {
    const rows: Array<{ owner: string; token: number }> = await admin.query(
      `INSERT INTO emcee_claims (key, owner, expires, token, settled) VALUES (?, ?, ?, 1, 0)
       ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires, token = emcee_claims.token + 1, settled = 0
       WHERE emcee_claims.expires <= ? RETURNING owner, token`,
      key,
      owner,
      now() + ttlMs,
      now(),
    );
    const row = rows[0];
    return row?.owner === owner ? { key, owner, token: Number(row.token) } : undefined;
  };

  return {
    kind: 'sqlite',
    ...sqlitePortable(admin, transaction.run, now),
    purge,
    namespace,
    lease,
    claim: async (key, owner, ttlMs) => (await lease(key, owner, ttlMs)) !== undefined,
    async settle(key, owner, settle = {}) {
      const rows: unknown[] = await admin.query(
        `UPDATE emcee_claims SET settled = 1, expires = ? WHERE key = ? AND owner = ? AND (? IS NULL OR token = ?) RETURNING key`,
        now() + (settle.retentionMs ?? DEFAULT_RETENTION_MS),
        key,
        owner,
        settle.token ?? null,
        settle.token ?? null,
      );
      return rows.length > 0;
    },
    async release(key, owner) {
      // Kept as an expired lease rather than deleted: the next grant's token must still be greater.
      await admin.query(
        'UPDATE emcee_claims SET expires = ? WHERE key = ? AND owner = ? AND settled = 0',
        now(),
        key,
        owner,
      );
    },
    async increment(key, delta = 1) {
      const rows: Array<{ value: number }> = await admin.query(
        `INSERT INTO emcee_counters (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = value + excluded.value RETURNING value`,
        key,
        delta,
      );
      return Number(rows[0]?.value);
    },
    async commit(batch) {
      const set = await Promise.all(
        (batch.set ?? []).map(async ({ namespace: name, key, value }) => [
          `${name}:${key}`,
          await serialized(namespace(name), value),
        ]),
      );
      const increment = (batch.increment ?? []).map(({ key, delta }) => [key, delta]);
      // One statement, so one transaction (sqliteCommits.ts says why not BEGIN … COMMIT).
      await admin.query('INSERT INTO emcee_commits (batch) VALUES (?)', JSON.stringify({ set, increment }));
    },
    async counters(keys) {
      if (keys.length === 0) return [];
      const rows: Array<{ key: string; value: number }> = await admin.query(
        `SELECT key, value FROM emcee_counters WHERE key IN (SELECT value FROM json_each(?))`,
        JSON.stringify(keys),
      );
      const byKey = new Map(rows.map((row) => [row.key, Number(row.value)]));
      return keys.map((key) => byKey.get(key) ?? 0);
    },
    async close() {
      clearInterval(purging);
      await Promise.all(adapters.map((adapter) => adapter.disconnect()));
    },
  };
}

/** WAL, durable commits, and the tables of claims and counters. */
async function prepare(admin: KeyvSqlite): Promise<void> {
  await retryBusy(() => admin.query('PRAGMA journal_mode = WAL'));
  await admin.query('PRAGMA synchronous = FULL');
  await admin.query(
    'CREATE TABLE IF NOT EXISTS emcee_claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires INTEGER NOT NULL)',
  );
  await admin.query('CREATE TABLE IF NOT EXISTS emcee_counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL)');
}

/** Every query of this connection (keyv's and the claims') reports to the store's health. */
function guardQueries(adapter: KeyvSqlite, health: StoreHealth): KeyvSqlite {
  const query = adapter.query;
  adapter.query = (sql, ...parameters) => health.run(() => query(sql, ...parameters));
  return adapter;
}

/**
 * Switching to WAL takes an exclusive lock and SQLite answers SQLITE_BUSY at once, without its busy
 * handler, when another process opens the same new file at that moment: try again a few times.
 */
async function retryBusy<T>(action: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    }
  }
}

import type KeyvSqlite from '@keyv/sqlite';
import type { Query, Transaction } from './sqliteTransactions.ts';
import { recordEntry, recordExpiry, recordText, type Entry, type Portable } from './portable.ts';

const PAGE = 1_000;

/** SQLite lists its own keys: a scan of the keyv, counters and claims tables, a page at a time. */
export function sqlitePortable(admin: KeyvSqlite, transaction: Transaction, now: () => number): Portable {
  return {
    async *dump() {
      yield* pages<{ key: string; value: string }>(admin, 'SELECT key, value FROM keyv', (row) => {
        const split = row.key.indexOf(':');
        if (split < 0) return undefined;
        const entry = recordEntry(row.key.slice(0, split), row.key.slice(split + 1), row.value);
        const expires = recordExpiry(entry);
        return expires !== undefined && expires <= now() ? undefined : entry;
      });
      yield* pages<{ key: string; value: number }>(admin, 'SELECT key, value FROM emcee_counters', (row) => ({
        kind: 'counter',
        key: row.key,
        value: Number(row.value),
      }));
      yield* pages<{ key: string; owner: string; token: number; expires: number; settled: number }>(
        admin,
        'SELECT key, owner, token, expires, settled FROM emcee_claims',
        (row) => ({
          kind: 'claim',
          key: row.key,
          owner: row.owner,
          token: Number(row.token),
          expires: Number(row.expires),
          settled: row.settled === 1,
        }),
      );
    },
    async restore(entries) {
      await transaction(async (query) => {
        for (const entry of entries) await write(query, entry, now());
      });
    },
    async isEmpty() {
      const rows: Array<{ n: number }> = await admin.query(
        'SELECT (SELECT COUNT(*) FROM keyv) + (SELECT COUNT(*) FROM emcee_counters) + (SELECT COUNT(*) FROM emcee_claims) AS n',
      );
      return Number(rows[0]?.n ?? 0) === 0;
    },
  };
}

async function* pages<R>(
  admin: KeyvSqlite,
  select: string,
  toEntry: (row: R) => Entry | undefined,
): AsyncIterable<Entry> {
  // Keyset pagination on the primary key: each page is one short read, whatever the table's size.
  let after: string | undefined;
  for (;;) {
    const rows: Array<R & { key: string }> = await admin.query(
      `${select} WHERE ? IS NULL OR key > ? ORDER BY key LIMIT ${PAGE}`,
      after ?? null,
      after ?? null,
    );
    for (const row of rows) {
      const entry = toEntry(row);
      if (entry) yield entry;
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.key;
  }
}

async function write(query: Query, entry: Entry, now: number): Promise<void> {
  if (entry.kind === 'record') {
    const expires = recordExpiry(entry);
    if (expires !== undefined && expires <= now) return;
    await query(
      'INSERT OR REPLACE INTO keyv (key, value) VALUES (?, ?)',
      `${entry.namespace}:${entry.key}`,
      recordText(entry),
    );
  } else if (entry.kind === 'counter') {
    await query('INSERT OR REPLACE INTO emcee_counters (key, value) VALUES (?, ?)', entry.key, entry.value);
  } else {
    await query(
      'INSERT OR REPLACE INTO emcee_claims (key, owner, expires, token, settled) VALUES (?, ?, ?, ?, ?)',
      entry.key,
      entry.owner ?? '',
      entry.owner ? entry.expires : Math.min(entry.expires, now),
      entry.token,
      entry.settled ? 1 : 0,
    );
  }
}

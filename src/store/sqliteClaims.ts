import type KeyvSqlite from '@keyv/sqlite';

/** What the first versions wrote for a settled claim: an expiry that never came. */
const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * Brings an older file's claims table up to date: a fencing token per key, and settled claims
 * that expire after their retention instead of never. Two processes may open the same file at
 * once: a column the other one has just added is not an error.
 */
export async function migrateClaims(admin: KeyvSqlite, now: number, retentionMs: number): Promise<void> {
  const columns: Array<{ name: string }> = await admin.query('PRAGMA table_info(emcee_claims)');
  const has = new Set(columns.map((column) => column.name));
  for (const [name, definition] of [
    ['token', 'INTEGER NOT NULL DEFAULT 1'],
    ['settled', 'INTEGER NOT NULL DEFAULT 0'],
  ] as const) {
    if (has.has(name)) continue;
    await admin.query(`ALTER TABLE emcee_claims ADD COLUMN ${name} ${definition}`).catch((error: unknown) => {
      if (!String((error as Error).message).includes('duplicate column')) throw error;
    });
  }
  // Settled for ever before: their retention starts now.
  await admin.query('UPDATE emcee_claims SET settled = 1, expires = ? WHERE expires = ?', now + retentionMs, NEVER);
}

/**
 * Deletes what no one will ask for again: settled claims past their retention, leases that
 * ended more than a retention ago (long enough that no holder of their token is still at work),
 * and keyv records past their own expiry (keyv drops those only when they are read).
 */
export async function purgeExpired(admin: KeyvSqlite, now: number, retentionMs: number): Promise<number> {
  const claims: unknown[] = await admin.query(
    'DELETE FROM emcee_claims WHERE (settled = 1 AND expires <= ?) OR (settled = 0 AND expires <= ?) RETURNING key',
    now,
    now - retentionMs,
  );
  const records: unknown[] = await admin.query(
    `DELETE FROM keyv WHERE json_valid(value) AND json_type(value, '$.expires') = 'integer'
     AND json_extract(value, '$.expires') <= ? RETURNING key`,
    now,
  );
  return claims.length + records.length;
}

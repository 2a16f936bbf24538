import type KeyvSqlite from '@keyv/sqlite';

/**
 * `store.commit` on SQLite: the batch is inserted, as JSON, into `emcee_commits`, and a trigger
 * applies it (records into keyv's table, counters moved) and deletes it, all inside the one
 * statement's transaction. BEGIN … COMMIT over several queries would hold SQLite's write lock
 * between them; the driver runs each query on a small shared thread pool, where other writers
 * of the same process then wait on the lock with every thread, and the COMMIT that would free
 * it finds none: each commit would stall until the busy timeout.
 * Batch: `{ set: [[keyvKey, serializedText], …], increment: [[counter, delta], …] }`.
 */
export async function prepareCommits(admin: KeyvSqlite): Promise<void> {
  await admin.query('CREATE TABLE IF NOT EXISTS emcee_commits (batch TEXT NOT NULL)');
  await admin.query(`CREATE TRIGGER IF NOT EXISTS emcee_commit AFTER INSERT ON emcee_commits BEGIN
    INSERT OR REPLACE INTO keyv (key, value)
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(NEW.batch, '$.set');
    INSERT OR IGNORE INTO emcee_counters (key, value)
      SELECT json_extract(value, '$[0]'), 0 FROM json_each(NEW.batch, '$.increment');
    UPDATE emcee_counters SET value = value + (
        SELECT SUM(json_extract(moves.value, '$[1]')) FROM json_each(NEW.batch, '$.increment') AS moves
        WHERE json_extract(moves.value, '$[0]') = emcee_counters.key)
      WHERE key IN (SELECT json_extract(value, '$[0]') FROM json_each(NEW.batch, '$.increment'));
    DELETE FROM emcee_commits WHERE rowid = NEW.rowid;
  END`);
}

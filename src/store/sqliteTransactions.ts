import type KeyvSqlite from '@keyv/sqlite';

export type Query = (sql: string, ...parameters: unknown[]) => Promise<unknown>;
/** Runs `work` in one SQLite transaction: all of its writes are committed, or none. */
export type Transaction = (work: (query: Query) => Promise<void>) => Promise<void>;

/**
 * Transactions on a connection of their own, one at a time: a BEGIN on the connection that
 * claims and counters share would take in their statements too. Across processes, BEGIN
 * IMMEDIATE takes SQLite's write lock at once and waits out other writers (busy timeout).
 * For bulk loads with nothing else writing (an import): a process whose other writers wait on
 * the lock meanwhile may stall (sqliteCommits.ts says why), so the bot itself never uses it.
 */
export function sqliteTransactions(connect: () => KeyvSqlite): { run: Transaction } {
  let connection: KeyvSqlite | undefined;
  let last: Promise<unknown> = Promise.resolve();
  const query: Query = (sql, ...parameters) => (connection ??= connect()).query(sql, ...parameters);
  const once = async (work: (query: Query) => Promise<void>) => {
    await query('BEGIN IMMEDIATE');
    try {
      await work(query);
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK').catch(() => {});
      throw error;
    }
  };
  const run: Transaction = (work) => {
    const turn = last.then(() => once(work));
    last = turn.catch(() => {});
    return turn;
  };
  return { run };
}

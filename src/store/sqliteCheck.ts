import { StoreDamagedError, StoreUnreachableError } from './storeErrors.ts';

/** SQLite's own answers for a file that is not a sound database. */
const DAMAGED_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
/** quick_check may list many problems; the first few say enough. */
const SHOWN_PROBLEMS = 3;

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * Checks the file before the bot uses it. `PRAGMA quick_check` reads every page (milliseconds at
 * a community's sizes) and finds what opening the file does not: a file that is not SQLite at
 * all, or a real emcee file damaged in the middle.
 */
export async function checkSqliteFile(file: string, query: Query): Promise<void> {
  let rows: Array<Record<string, unknown>>;
  try {
    rows = await query('PRAGMA quick_check');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new StoreDamagedError(file, 'it is not an SQLite database');
    if (DAMAGED_CODES.has(code)) throw new StoreDamagedError(file, 'SQLite reports the file is malformed');
    throw new StoreUnreachableError(`sqlite://${file}`, error);
  }
  const problems = rows.map((row) => String(Object.values(row)[0])).filter((line) => line !== 'ok');
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN_PROBLEMS).join('; ');
    const more = problems.length > SHOWN_PROBLEMS ? ` and ${problems.length - SHOWN_PROBLEMS} more` : '';
    throw new StoreDamagedError(file, `SQLite's integrity check found: ${shown}${more}`);
  }
}

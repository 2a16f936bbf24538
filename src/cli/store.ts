import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { argsProblem } from './argsProblem.ts';
import { DEFAULT_STORE_URL, openPortableStore } from '../store/openStore.ts';
import type { Portable } from '../store/portable.ts';
import type { Store } from '../store/store.ts';
import {
  BackupLineError,
  copyStore,
  describeCensus,
  exportStore,
  importStore,
  TargetNotEmptyError,
  TransferCheckError,
} from '../store/transfer.ts';
import { UsageError } from './usageError.ts';

export const STORE_USAGE = `  emcee store export [--from URL] > backup.jsonl
  emcee store import [--to URL] < backup.jsonl
  emcee store copy --from URL --to URL     (e.g. --from sqlite://data/emcee.sqlite --to redis://127.0.0.1:6379)`;

/**
 * `emcee store export|import|copy`: a backup as JSON lines, its restore, and the move of a
 * community from one backend to another (SQLite to Redis when it outgrows one process), with the
 * target checked to hold everything afterwards. Import and copy write only into an empty store.
 * Run them with the bot stopped: entries written meanwhile would be missed.
 */
const STORE_OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const;

function storeArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: STORE_OPTIONS, allowPositionals: true });
  } catch (error) {
    // Said against the store's own options (--from, --to), not the main command line's.
    throw new UsageError(argsProblem(error, Object.keys(STORE_OPTIONS)) ?? String(error));
  }
}

export async function storeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = storeArgs(argv);
  const [verb, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const current = process.env.STORE_URL || DEFAULT_STORE_URL;
  try {
    if (verb === 'export') {
      const census = await withStore(values.from ?? current, (store) => exportStore(store, process.stdout));
      return say(`exported ${describeCensus(census)}`, 0);
    }
    if (verb === 'import') {
      // Iterated from now on: lines read while the store opens are buffered, not lost.
      const reader = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
      const lines = { [Symbol.asyncIterator]: () => reader };
      const census = await withStore(values.to ?? current, (store) => importStore(store, lines));
      return say(`imported ${describeCensus(census)}, all read back from the store`, 0);
    }
    if (verb === 'copy') {
      if (!values.from || !values.to) throw new UsageError('store copy needs both --from URL and --to URL');
      const to = values.to;
      const census = await withStore(values.from, (from) => withStore(to, (target) => copyStore(from, target)));
      return say(`copied ${describeCensus(census)} from ${values.from} to ${to}, all read back from the target`, 0);
    }
  } catch (error) {
    if (error instanceof TargetNotEmptyError || error instanceof BackupLineError || error instanceof TransferCheckError)
      return say(error.message, 1);
    throw error;
  }
  throw new UsageError(verb ? `unknown store command "${verb}"` : 'store needs export, import or copy');
}

async function withStore<T>(url: string, work: (store: Store & Portable) => Promise<T>): Promise<T> {
  if (url.startsWith('memory://'))
    throw new UsageError(
      'memory:// lives inside one process and ends with it: there is nothing to export, import or copy',
    );
  const store = await openPortableStore(url);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The summary goes to stderr: stdout is the backup itself. */
function say(text: string, code: number): number {
  process.stderr.write(`${text}\n`);
  return code;
}

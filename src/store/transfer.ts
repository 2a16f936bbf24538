import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { entrySchema, HEADER, headerSchema, recordExpiry, recordText, type Entry, type Portable } from './portable.ts';

const BATCH = 500;

/** How many entries of each kind. */
export interface Census {
  records: number;
  counters: number;
  claims: number;
}

/** The target of an import or a copy already holds data: writing into it could mix two stores. */
export class TargetNotEmptyError extends Error {
  override name = 'TargetNotEmptyError';
}

/** A line of a backup that is not an entry: nothing was written. */
export class BackupLineError extends Error {
  override name = 'BackupLineError';
}

/** After a copy or an import, the target does not hold everything that was written. */
export class TransferCheckError extends Error {
  override name = 'TransferCheckError';
}

export const describeCensus = (census: Census) =>
  `${census.records} record(s), ${census.counters} counter(s), ${census.claims} claim(s)`;

/** Writes every entry of `store` as JSON lines, after a header line. */
export async function exportStore(store: Portable, out: Writable, now: Date = new Date()): Promise<Census> {
  const census = emptyCensus();
  await writeLine(out, { ...HEADER, exportedAt: now.toISOString() });
  for await (const entry of store.dump()) {
    count(census, entry);
    await writeLine(out, entry);
  }
  return census;
}

/**
 * Reads a backup, checking every line before writing any (a bad line names its number and
 * nothing is half-imported), writes it into an empty store, then checks the store holds it all.
 */
export async function importStore(
  store: Portable,
  lines: Iterable<string> | AsyncIterable<string>,
  now: () => number = Date.now,
): Promise<Census> {
  const entries = await readBackup(lines);
  return transfer(entries, store, now);
}

/** Copies one store into another, empty one, then checks the target holds everything. */
export async function copyStore(from: Portable, to: Portable, now: () => number = Date.now): Promise<Census> {
  const entries: Entry[] = [];
  for await (const entry of from.dump()) entries.push(entry);
  return transfer(entries, to, now);
}

async function transfer(entries: readonly Entry[], to: Portable, now: () => number): Promise<Census> {
  if (!(await to.isEmpty()))
    throw new TargetNotEmptyError('the target store already holds data: import or copy only into an empty store');
  for (let from = 0; from < entries.length; from += BATCH) await to.restore(entries.slice(from, from + BATCH));
  await verify(entries, to, now);
  const census = emptyCensus();
  for (const entry of entries) count(census, entry);
  return census;
}

/** Every entry written must read back the same from the target (records that expired meanwhile aside). */
async function verify(written: readonly Entry[], to: Portable, now: () => number): Promise<void> {
  const found = new Map<string, string>();
  const seen = emptyCensus();
  for await (const entry of to.dump()) {
    found.set(identity(entry), fingerprint(entry, now()));
    count(seen, entry);
  }
  const missing = written.filter(
    (entry) => !expiredRecord(entry, now()) && found.get(identity(entry)) !== fingerprint(entry, now()),
  );
  if (missing.length > 0) {
    const first = missing.slice(0, 3).map(identity).join(', ').replaceAll('\0', ':');
    throw new TransferCheckError(
      `the target does not hold ${missing.length} of the ${written.length} entries written (first: ${first}); it holds ${describeCensus(seen)}`,
    );
  }
}

async function readBackup(lines: Iterable<string> | AsyncIterable<string>): Promise<Entry[]> {
  const entries: Entry[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new BackupLineError(`line ${number} is not JSON: nothing was imported`);
    }
    if (number === 1) {
      if (!headerSchema.safeParse(parsed).success)
        throw new BackupLineError(
          `line 1 is not the header of an emcee store export (version ${HEADER.version}): nothing was imported`,
        );
      continue;
    }
    const entry = entrySchema.safeParse(parsed);
    if (!entry.success)
      throw new BackupLineError(
        `line ${number} is not a store entry (${entry.error.issues[0]?.message}): nothing was imported`,
      );
    entries.push(entry.data);
  }
  if (number === 0) throw new BackupLineError('the backup is empty (not even a header): nothing was imported');
  return entries;
}

function identity(entry: Entry): string {
  if (entry.kind === 'record') return `record\0${entry.namespace}\0${entry.key}`;
  return `${entry.kind}\0${entry.key}`;
}

/** What must survive a transfer: a lease that has ended keeps only its token. */
function fingerprint(entry: Entry, now: number): string {
  if (entry.kind === 'record') return recordText(entry);
  if (entry.kind === 'counter') return String(entry.value);
  return `${entry.token}/${entry.owner && entry.expires > now ? entry.owner : ''}`;
}

function expiredRecord(entry: Entry, now: number): boolean {
  if (entry.kind !== 'record') return false;
  const expires = recordExpiry(entry);
  return expires !== undefined && expires <= now;
}

const emptyCensus = (): Census => ({ records: 0, counters: 0, claims: 0 });

function count(census: Census, entry: Entry): void {
  if (entry.kind === 'record') census.records += 1;
  else if (entry.kind === 'counter') census.counters += 1;
  else census.claims += 1;
}

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

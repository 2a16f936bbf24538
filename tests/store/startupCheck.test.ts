import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { StoreDamagedError } from '../../src/store/storeErrors.ts';
import { runCli } from '../support/cli.ts';

const PAGE = 4096;

function tempFile(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'emcee-check-')), name);
}

/** A real emcee store with enough records to span many pages, closed (its WAL folded in). */
async function realStoreFile(): Promise<string> {
  const file = tempFile('emcee.sqlite');
  const store = await sqliteStore(file);
  const records = store.namespace('proposals');
  for (let i = 0; i < 200; i++)
    await records.set(`p:sre-paris:${i}`, { v: 1, title: `talk ${i}`, abstract: 'x'.repeat(300) });
  await store.increment('proposals:sre-paris');
  await store.close();
  await foldWal(file);
  return file;
}

/** Folds the write-ahead log into the file, so that the records are where damageMiddle looks. */
async function foldWal(file: string): Promise<void> {
  const db = new sqlite3.Database(file);
  await new Promise<void>((resolve, reject) =>
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)', (error) => (error ? reject(error) : resolve())),
  );
  await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

/**
 * Writes garbage over a page in the middle of the file, as a bad disk or a stray copy would: the
 * page holding a record of the middle, so that it is a page in use (a page on SQLite's free list
 * holds nothing, and damage there is harmless and rightly not reported).
 */
function damageMiddle(file: string): void {
  const bytes = readFileSync(file);
  // Every copy: an older one may sit on a free page after SQLite rewrote the record.
  const pages = new Set<number>();
  for (let at = bytes.indexOf('talk 100"'); at >= 0; at = bytes.indexOf('talk 100"', at + 1))
    pages.add(Math.floor(at / PAGE));
  expect(pages.size, 'the record of the middle is in the file').toBeGreaterThan(0);
  const fd = openSync(file, 'r+');
  for (const page of pages) writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, page * PAGE);
  closeSync(fd);
}

function expectOneClearMessage(stderr: string, file: string): void {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((line) => !line.includes('"level":40'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`STORE_URL file "${file}" is damaged`);
  expect(lines[0]).toContain('restore it from a backup, or move it aside');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('SQLITE_');
}

describe('a STORE_URL file that is not a sound SQLite database', () => {
  it('stops start-up with one message naming the file when it is not SQLite at all', async () => {
    const file = tempFile('bad.sqlite');
    writeFileSync(file, 'hello');
    const result = await runCli(['start'], ['/agenda 4'], { STORE_URL: `sqlite://${file}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectOneClearMessage(result.stderr, file);
    expect(result.stderr).toContain('it is not an SQLite database');
  });

  it('stops start-up, and writes nothing, when a real store is damaged in the middle', async () => {
    const file = await realStoreFile();
    damageMiddle(file);
    const before = readFileSync(file);
    const result = await runCli(['start'], ['/agenda 4'], { STORE_URL: `sqlite://${file}` });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expectOneClearMessage(result.stderr, file);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is refused by the store itself, so every caller is protected', async () => {
    const file = await realStoreFile();
    damageMiddle(file);
    await expect(sqliteStore(file)).rejects.toBeInstanceOf(StoreDamagedError);
  });

  it('opens a sound store as before, records intact', async () => {
    const file = await realStoreFile();
    const store = await sqliteStore(file);
    expect(await store.namespace('proposals').get('p:sre-paris:199')).toMatchObject({ title: 'talk 199' });
    expect(await store.counters(['proposals:sre-paris'])).toEqual([1]);
    await store.close();
  });
});

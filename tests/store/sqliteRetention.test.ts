import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/store/sqliteStore.ts';

const DAY = 86_400_000;
const freshFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'emcee-retention-')), 'store.sqlite');

async function rows(file: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const db = new KeyvSqlite({ uri: `sqlite://${file}` });
  try {
    return await db.query(sql);
  } finally {
    await db.disconnect();
  }
}

describe('sqlite claims retention', () => {
  it('deletes settled claims past their retention and long-ended leases, keeping the rest', async () => {
    const file = freshFile();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = await sqliteStore(file, { now: () => now, retentionMs: 30 * DAY });
    try {
      await store.claim('settled-old', 'p', 60_000);
      await store.settle('settled-old', 'p', { retentionMs: 30 * DAY });
      await store.claim('dead-holder', 'p', 60_000);
      now += 29 * DAY;
      await store.claim('settled-new', 'p', 60_000);
      await store.settle('settled-new', 'p');
      await store.claim('running', 'p', 60_000);
      now += 2 * DAY;
      expect(await store.purge()).toBe(2);
      const left = (await rows(file, 'SELECT key FROM emcee_claims ORDER BY key')).map((row) => row.key);
      expect(left).toEqual(['running', 'settled-new']);
      expect(await store.claim('settled-new', 'q', 60_000)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('deletes keyv records past their own expiry, which keyv only drops when read', async () => {
    const file = freshFile();
    let now = Date.now();
    const store = await sqliteStore(file, { now: () => now });
    try {
      await store.namespace('locks').set('short', 'holder', 1_000);
      await store.namespace('locks').set('kept', 'value');
      now += 2_000;
      expect(await store.purge()).toBe(1);
      expect((await rows(file, 'SELECT key FROM keyv ORDER BY key')).map((row) => row.key)).toEqual(['locks:kept']);
    } finally {
      await store.close();
    }
  });

  it('gives the settled-for-ever claims of an older file a retention, and fencing tokens', async () => {
    const file = freshFile();
    const old = new KeyvSqlite({ uri: `sqlite://${file}` });
    await old.query('CREATE TABLE emcee_claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires INTEGER NOT NULL)');
    await old.query('INSERT INTO emcee_claims VALUES (?, ?, ?)', 'posted-2025', 'p', Number.MAX_SAFE_INTEGER);
    await old.disconnect();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = await sqliteStore(file, { now: () => now, retentionMs: 30 * DAY });
    try {
      expect(await store.claim('posted-2025', 'q', 60_000)).toBe(false);
      now += 31 * DAY;
      const lease = await store.lease('posted-2025', 'q', 60_000);
      expect(lease?.token).toBe(2);
    } finally {
      await store.close();
    }
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { harness } from '../support/harness.ts';
import { AFTER_12, as, ORGANISER, replyOf } from './commandSupport.ts';

describe('/feedback: anonymity in the store', () => {
  const RAW_IDS = ['U0RAWMEMBERID42', 'U0RAWMEMBERID43', 'U0RAWMEMBERID44'];

  it('never writes a member id to the memory store', async () => {
    const store = memoryStore();
    const h = await harness({ now: AFTER_12, store });
    for (const id of RAW_IDS) replyOf(await h.run(`/feedback rating:4 worked:"vu par ${id.length}"`, as(id)));
    replyOf(await h.run('/feedback rating:5', as(RAW_IDS[0]!)));
    const map = store.namespace('feedback').store as Map<string, unknown>;
    const dump = JSON.stringify([...map.entries()]);
    expect(map.size).toBeGreaterThan(6);
    for (const id of RAW_IDS) expect(dump).not.toContain(id);
    expect(dump).toMatch(/r:sre-paris:2026-06-17-meetup-12:[0-9a-f]{64}/);
  });

  it('never writes a member id to the SQLite file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-feedback-')), 'emcee.sqlite');
    const store = await sqliteStore(file);
    const h = await harness({ now: AFTER_12, store });
    try {
      for (const id of RAW_IDS) replyOf(await h.run('/feedback rating:4 improve:"ok"', as(id)));
      replyOf(await h.run('/feedback rating:2', as(RAW_IDS[1]!)));
      expect((await h.ask('/feedback summary', ORGANISER)).words).toContain('3 réponses · moyenne 3,33/5');
    } finally {
      await store.close();
    }
    const bytes = Buffer.concat(
      [file, `${file}-wal`].flatMap((name) => {
        try {
          return [readFileSync(name)];
        } catch {
          return [];
        }
      }),
    );
    expect(bytes.includes(Buffer.from('2026-06-17-meetup-12'))).toBe(true);
    for (const id of RAW_IDS) expect(bytes.includes(Buffer.from(id))).toBe(false);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackRepository } from '../../src/feedback/repository.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { memberKey } from '../feedback/support.ts';
import type { Entry, Portable } from '../../src/store/portable.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { copyStore, exportStore, importStore } from '../../src/store/transfer.ts';
import { runCli } from '../support/cli.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';

const freshFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'emcee-transfer-')), 'store.sqlite');
const EVENT = { communityId: 'sre-paris', eventId: '2026-06-17-meetup-12' };
const AT = DateTime.fromISO('2026-06-17T21:00:00Z');

/** A store as a community leaves it: feature records, counters, claims settled, held and given back. */
async function populate(store: Store): Promise<void> {
  const feedback = new FeedbackRepository(store, silentLogger);
  for (let member = 1; member <= 30; member++) {
    await feedback.save(
      EVENT,
      memberKey(member),
      { rating: (member % 5) + 1, talks: { 1: 4 }, ...(member % 3 === 0 ? { worked: `démo ${member}` } : {}) },
      AT,
    );
  }
  await feedback.save(EVENT, memberKey(1), { rating: 2, talks: {} }, AT);
  await store.namespace('proposals').set('p:sre-paris:1', { v: 1, title: 'Colons: a:b:c, and "quotes"' });
  await store.namespace('locks').set('held', 'owner', 3_600_000);
  await store.increment('proposals:sre-paris:id', 7);
  await store.claim('occurrence-posted', 'p1', 60_000);
  await store.settle('occurrence-posted', 'p1');
  await store.claim('occurrence-running', 'p2', 3_600_000);
  await store.claim('occurrence-released', 'p3', 60_000);
  await store.release('occurrence-released', 'p3');
}

async function entries(store: Portable): Promise<Map<string, Entry>> {
  const found = new Map<string, Entry>();
  for await (const entry of store.dump())
    found.set(`${entry.kind}:${'namespace' in entry ? entry.namespace : ''}:${entry.key}`, entry);
  return found;
}

/** Comparable across backends: lease ends are re-based on the clock of the copy. */
function comparable(map: Map<string, Entry>): Array<[string, unknown]> {
  return [...map]
    .map(([id, entry]) => [
      id,
      entry.kind === 'claim'
        ? { token: entry.token, owner: entry.owner && entry.expires > Date.now() ? entry.owner : undefined }
        : entry,
    ])
    .sort(([a], [b]) => String(a).localeCompare(String(b))) as Array<[string, unknown]>;
}

async function summary(store: Store) {
  const feedback = new FeedbackRepository(store, silentLogger);
  const { responses } = await feedback.all(EVENT);
  return { totals: await feedback.totals(EVENT, 1), responses, comments: await feedback.latestComments(EVENT, 50) };
}

describe('store export and import (SQLite)', () => {
  it('round-trips every record, counter and claim through a backup, and the features read the same', async () => {
    const source = await sqliteStore(freshFile());
    const target = await sqliteStore(freshFile());
    try {
      await populate(source);
      const backup = new PassThrough();
      const chunks: string[] = [];
      backup.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
      const exported = await exportStore(source, backup);
      const lines = chunks.join('').split('\n').filter(Boolean);
      expect(lines).toHaveLength(1 + exported.records + exported.counters + exported.claims);
      // 3 occurrences, and the 30 per-member feedback locks given back (kept a retention for their tokens).
      expect(exported.claims).toBe(33);
      expect(await importStore(target, lines)).toEqual(exported);
      expect(comparable(await entries(target))).toEqual(comparable(await entries(source)));
      expect(await summary(target)).toEqual(await summary(source));
      expect(await target.claim('occurrence-posted', 'p9', 60_000)).toBe(false);
      expect(await target.claim('occurrence-released', 'p9', 60_000)).toBe(true);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('refuses a store that already holds data, and a damaged backup, writing nothing', async () => {
    const source = await sqliteStore(freshFile());
    const target = await sqliteStore(freshFile());
    try {
      await populate(source);
      await expect(copyStore(source, source)).rejects.toThrow(/already holds data/);
      const lines = [
        '{"format":"emcee-store","version":1}',
        '{"kind":"counter","key":"a","value":1}',
        '{"kind":"counter","key":"b"}',
      ];
      await expect(importStore(target, lines)).rejects.toThrow(/line 3 is not a store entry/);
      await expect(importStore(target, ['{"kind":"counter","key":"a","value":1}'])).rejects.toThrow(
        /line 1 is not the header/,
      );
      expect(await target.isEmpty()).toBe(true);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });

  it('works from the command line: emcee store export > backup.jsonl, emcee store import < backup.jsonl, emcee store copy', async () => {
    const sourceFile = freshFile();
    const source = await sqliteStore(sourceFile);
    await populate(source);
    await source.close();
    const exported = await runCli(['store', 'export'], [], { STORE_URL: `sqlite://${sourceFile}` }, 60_000);
    expect(exported.stderr).toMatch(/exported \d+ record\(s\), \d+ counter\(s\), 33 claim\(s\)/);
    expect(exported.code).toBe(0);
    const backup = path.join(path.dirname(sourceFile), 'backup.jsonl');
    writeFileSync(backup, exported.stdout);
    const targetFile = freshFile();
    const imported = await runCli(
      ['store', 'import', '--to', `sqlite://${targetFile}`],
      readFileSync(backup, 'utf8').split('\n').filter(Boolean),
      {},
      60_000,
    );
    expect(imported.stderr).toMatch(/imported .*all read back/);
    expect(imported.code).toBe(0);
    const again = await runCli(
      ['store', 'import', '--to', `sqlite://${targetFile}`],
      exported.stdout.split('\n').filter(Boolean),
      {},
      60_000,
    );
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/already holds data/) });
    const copyFile = freshFile();
    const copied = await runCli(
      ['store', 'copy', '--from', `sqlite://${sourceFile}`, '--to', `sqlite://${copyFile}`],
      [],
      {},
      60_000,
    );
    expect(copied.stderr).toMatch(/copied .*33 claim\(s\) from sqlite:.* all read back from the target/);
    expect(copied.code).toBe(0);
    const [a, b, c] = [await sqliteStore(sourceFile), await sqliteStore(targetFile), await sqliteStore(copyFile)];
    try {
      expect(comparable(await entries(b))).toEqual(comparable(await entries(a)));
      expect(comparable(await entries(c))).toEqual(comparable(await entries(a)));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  }, 120_000);
});

describe.skipIf(!redisAvailable())('store copy SQLite → Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());

  it('moves a community to Redis with nothing lost: same entries, same answers and totals, claims still held', async () => {
    const source = await sqliteStore(freshFile());
    const target = await redisStore(server.url);
    try {
      await populate(source);
      const copied = await copyStore(source, target);
      expect(copied).toMatchObject({ counters: expect.any(Number), claims: 33 });
      expect(comparable(await entries(target))).toEqual(comparable(await entries(source)));
      expect(await summary(target)).toEqual(await summary(source));
      expect((await summary(target)).totals.overall.count).toBe(30);
      expect((await summary(target)).responses).toHaveLength(30);
      expect(await target.claim('occurrence-posted', 'p9', 60_000)).toBe(false);
      expect(await target.claim('occurrence-running', 'p9', 60_000)).toBe(false);
      const next = await target.lease('occurrence-released', 'p9', 60_000);
      expect(next?.token).toBe(2);
      expect(await target.namespace('locks').get('held')).toBe('owner');
      expect(await copyStore(source, target).catch((error: Error) => error.message)).toMatch(/already holds data/);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });
});

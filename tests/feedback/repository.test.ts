import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackBusyError } from '../../src/feedback/lock.ts';
import type { Answer } from '../../src/feedback/model.ts';
import { FeedbackRepository, type EventRef } from '../../src/feedback/repository.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';
import { capturingLogger, flushed, memberKey } from './support.ts';

const AT = DateTime.fromISO('2026-06-18T08:00:00Z');
const answer = (rating: number, more: Partial<Answer> = {}): Answer => ({ rating, talks: {}, ...more });

let events = 0;
/** A fresh event per test, so tests share a backend without seeing each other's answers. */
const freshEvent = (): EventRef => ({
  communityId: 'sre-paris',
  eventId: `event-${++events}-${Math.random().toString(36).slice(2, 8)}`,
});

/**
 * One suite, every backend. `open` gives a store; `second` a second connection to the same data
 * (another bot process), where the backend can be shared.
 */
function contract(name: string, open: () => Promise<Store>, second?: () => Promise<Store>) {
  describe(`feedback repository: ${name}`, () => {
    let store: Store;
    let repo: FeedbackRepository;
    const log = capturingLogger();
    beforeAll(async () => {
      store = await open();
      repo = new FeedbackRepository(store, log.logger);
    });
    afterAll(async () => store.close());

    it('counts an answer in the histogram, the talk histograms and the comment count', async () => {
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(5, { worked: 'les démos', talks: { 1: 4, 2: 5 } }), AT);
      await repo.save(event, memberKey(2), answer(3, { talks: { 1: 2 } }), AT);
      const totals = await repo.totals(event, 2);
      expect(totals.overall).toEqual({ counts: [0, 0, 1, 0, 1], count: 2, sum: 8 });
      expect(totals.talks[0]).toEqual({ counts: [0, 1, 0, 1, 0], count: 2, sum: 6 });
      expect(totals.talks[1]).toEqual({ counts: [0, 0, 0, 0, 1], count: 1, sum: 5 });
      expect(totals.commented).toBe(1);
    });

    it('replaces a member’s answer: the old one leaves every counter, the new one enters', async () => {
      const event = freshEvent();
      const first = await repo.save(event, memberKey(1), answer(1, { improve: 'trop long', talks: { 1: 1 } }), AT);
      expect(first.previous).toBeUndefined();
      const second = await repo.save(event, memberKey(1), answer(4, { talks: { 2: 5 } }), AT.plus({ hours: 1 }));
      expect(second.previous).toMatchObject({ rating: 1, improve: 'trop long', talks: { '1': 1 } });
      const totals = await repo.totals(event, 2);
      expect(totals.overall).toEqual({ counts: [0, 0, 0, 1, 0], count: 1, sum: 4 });
      expect(totals.talks[0]!.count).toBe(0);
      expect(totals.talks[1]).toEqual({ counts: [0, 0, 0, 0, 1], count: 1, sum: 5 });
      expect(totals.commented).toBe(0);
      expect(await repo.get(event, memberKey(1))).toMatchObject({
        rating: 4,
        seq: second.saved.seq,
        at: '2026-06-18T09:00:00.000Z',
      });
    });

    it('gives the latest current comments, newest first, leaving out replaced ones', async () => {
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(4, { worked: 'premier' }), AT);
      await repo.save(event, memberKey(2), answer(4, { improve: 'deuxième' }), AT);
      await repo.save(event, memberKey(3), answer(4), AT);
      await repo.save(event, memberKey(4), answer(4, { worked: 'quatrième', improve: 'aussi' }), AT);
      await repo.save(event, memberKey(2), answer(5), AT); // withdraws their comment
      await repo.save(event, memberKey(1), answer(5, { worked: 'premier, revu' }), AT);
      expect(await repo.latestComments(event, 10)).toEqual([
        { worked: 'premier, revu' },
        { worked: 'quatrième', improve: 'aussi' },
      ]);
      expect(await repo.latestComments(event, 1)).toEqual([{ worked: 'premier, revu' }]);
      expect((await repo.totals(event, 0)).commented).toBe(2);
    });

    it('exports each member’s current answer once, in submission order', async () => {
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(2), AT);
      await repo.save(event, memberKey(2), answer(3), AT);
      await repo.save(event, memberKey(1), answer(5, { worked: 'mieux' }), AT);
      const { responses, unreadable } = await repo.all(event);
      expect(unreadable).toBe(0);
      expect(responses.map((r) => [r.rating, r.worked])).toEqual([
        [3, undefined],
        [5, 'mieux'],
      ]);
    });

    it('loses no answer when many members answer at once', async () => {
      const event = freshEvent();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          repo.save(event, memberKey(i + 1), answer((i % 5) + 1, { worked: `c${i}` }), AT),
        ),
      );
      const totals = await repo.totals(event, 0);
      expect(totals.overall).toEqual({ counts: [6, 6, 6, 6, 6], count: 30, sum: 90 });
      expect((await repo.all(event)).responses).toHaveLength(30);
      expect(await repo.latestComments(event, 100)).toHaveLength(30);
    });

    it('counts one member submitting several times at once exactly once', async () => {
      const event = freshEvent();
      await Promise.all(
        [1, 2, 3, 4, 5, 1, 2, 3].map((rating) =>
          repo.save(event, memberKey(7), answer(rating, { talks: { 1: rating } }), AT),
        ),
      );
      const kept = await repo.get(event, memberKey(7));
      const totals = await repo.totals(event, 1);
      expect(totals.overall.count).toBe(1);
      expect(totals.overall.sum).toBe(kept!.rating);
      expect(totals.talks[0]!.sum).toBe(kept!.rating);
      expect((await repo.all(event)).responses).toHaveLength(1);
    });

    it('imports in bulk with the same records and counters as one-by-one saves, replacing existing answers', async () => {
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(1, { improve: 'avant', talks: { 1: 1 } }), AT);
      await repo.importResponses(event, [
        { member: memberKey(1), answer: answer(5, { talks: { 1: 5 } }), at: AT },
        { member: memberKey(2), answer: answer(4, { worked: 'importé' }), at: AT },
        { member: memberKey(3), answer: answer(3), at: AT },
        { member: memberKey(3), answer: answer(2, { improve: 'dernier mot' }), at: AT },
      ]);
      const totals = await repo.totals(event, 1);
      expect(totals.overall).toEqual({ counts: [0, 1, 0, 1, 1], count: 3, sum: 11 });
      expect(totals.talks[0]).toEqual({ counts: [0, 0, 0, 0, 1], count: 1, sum: 5 });
      expect(totals.commented).toBe(2);
      expect((await repo.all(event)).responses.map((r) => r.rating)).toEqual([5, 4, 2]);
      expect(await repo.latestComments(event, 5)).toEqual([{ improve: 'dernier mot' }, { worked: 'importé' }]);
    });

    it('logs and skips a record of an unknown version or a damaged one, without failing', async () => {
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(4), AT);
      await repo.save(event, memberKey(2), answer(5, { worked: 'ok' }), AT);
      await repo.save(event, memberKey(3), answer(3, { worked: 'abîmé' }), AT);
      const base = `${event.communityId}:${event.eventId}`;
      await repo.records.set(`r:${base}:${memberKey(1)}`, { v: 2, rating: 4, future: true });
      await repo.records.set(`r:${base}:${memberKey(3)}`, 'not a record');
      const { responses, unreadable } = await repo.all(event);
      expect(responses.map((r) => r.rating)).toEqual([5]);
      expect(unreadable).toBe(2);
      expect(await repo.latestComments(event, 5)).toEqual([{ worked: 'ok' }]);
      expect(await repo.get(event, memberKey(1))).toBeUndefined();
      await flushed();
      const errors = log.entries.filter((entry) => entry.msg === 'feedback: unreadable record skipped');
      expect(errors.map((entry) => entry.key)).toContain(`r:${base}:${memberKey(1)}`);
      expect(errors.find((entry) => entry.key === `r:${base}:${memberKey(1)}`)?.problem).toMatch(
        /schema version 2 is not one this emcee reads/,
      );
      expect(errors.find((entry) => entry.key === `r:${base}:${memberKey(3)}`)?.problem).toMatch(/not a record/);
    });

    it('tells a member to retry when their previous answer still holds the lock', async () => {
      const event = freshEvent();
      const quick = new FeedbackRepository(store, log.logger, { ttlMs: 60_000, waitMs: 30 });
      expect(
        await store.claim(
          `feedback:${event.communityId}:${event.eventId}:lock:${memberKey(9)}`,
          'another-process',
          60_000,
        ),
      ).toBe(true);
      await expect(quick.save(event, memberKey(9), answer(5), AT)).rejects.toBeInstanceOf(FeedbackBusyError);
      await quick.save(event, memberKey(10), answer(5), AT);
      expect((await quick.totals(event, 0)).overall.count).toBe(1);
    });

    if (second) {
      it('loses no answer when two processes append to the same event at once', async () => {
        const other = await second();
        try {
          const event = freshEvent();
          const repo2 = new FeedbackRepository(other, log.logger);
          await Promise.all(
            Array.from({ length: 40 }, (_, i) =>
              (i % 2 === 0 ? repo : repo2).save(event, memberKey(100 + i), answer(5, { improve: `p${i}` }), AT),
            ),
          );
          // Same member from both processes at once: the per-member lease keeps it one answer.
          await Promise.all([
            repo.save(event, memberKey(100), answer(1), AT),
            repo2.save(event, memberKey(100), answer(1), AT),
          ]);
          const totals = await repo.totals(event, 0);
          expect(totals.overall).toEqual({ counts: [1, 0, 0, 0, 39], count: 40, sum: 196 });
          expect((await repo2.all(event)).responses).toHaveLength(40);
          expect(await repo.latestComments(event, 100)).toHaveLength(39);
        } finally {
          await other.close();
        }
      });
    }
  });
}

contract('memory', async () => memoryStore());

const sqliteFile = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-feedback-')), 'store.sqlite');
contract(
  'sqlite',
  () => sqliteStore(sqliteFile),
  () => sqliteStore(sqliteFile),
);

describe('feedback repository: damaged JSON in SQLite', () => {
  it('isolates a value keyv cannot parse and reads the rest of the batch', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-feedback-')), 'store.sqlite');
    const store = await sqliteStore(file);
    const log = capturingLogger();
    try {
      const repo = new FeedbackRepository(store, log.logger);
      const event = freshEvent();
      await repo.save(event, memberKey(1), answer(4), AT);
      await repo.save(event, memberKey(2), answer(2), AT);
      const adapter = repo.records.store as { query(sql: string, ...params: unknown[]): Promise<unknown> };
      await adapter.query(
        `UPDATE keyv SET value = '{"value": {broken' WHERE key = ?`,
        `feedback:r:${event.communityId}:${event.eventId}:${memberKey(1)}`,
      );
      const { responses, unreadable } = await repo.all(event);
      expect(responses.map((r) => r.rating)).toEqual([2]);
      expect(unreadable).toBe(1);
      await flushed();
      expect(log.entries.some((entry) => entry.problem === 'the stored value is not valid JSON')).toBe(true);
    } finally {
      await store.close();
    }
  });
});

const withRedis = redisAvailable();
describe.skipIf(!withRedis)('redis backend', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());
  contract(
    'redis',
    () => redisStore(server.url),
    () => redisStore(server.url),
  );
});

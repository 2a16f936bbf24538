import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Keyv from 'keyv';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { memberKey } from './support.ts';
import { RATINGS, hasComment } from '../../src/feedback/model.ts';
import { FeedbackRepository, type EventRef } from '../../src/feedback/repository.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';

const EVENT: EventRef = { communityId: 'sre-paris', eventId: '2026-06-17-meetup-12' };
const AT = DateTime.fromISO('2026-06-17T21:00:00Z');

class Died extends Error {}

/** The store of a process that dies after `writes` more writes reach the backend: later ones never do. */
function dyingAfter(inner: Store, writes: number): Store {
  let left = writes;
  const write = () => {
    if (left-- <= 0) throw new Died('the process died here');
  };
  const namespace = <T>(name: string): Keyv<T> =>
    new Proxy(inner.namespace<T>(name), {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        if (property === 'set' || property === 'setMany' || property === 'delete') {
          return async (...args: unknown[]) => (write(), (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
  return {
    ...inner,
    namespace,
    increment: async (key, delta) => (write(), inner.increment(key, delta)),
    commit: async (batch) => (write(), inner.commit(batch)),
  };
}

/** The totals recounted from the stored answers themselves. */
async function recount(repo: FeedbackRepository) {
  const { responses } = await repo.all(EVENT);
  const overall = RATINGS.map((r) => responses.filter((answer) => answer.rating === r).length);
  const talk = RATINGS.map((r) => responses.filter((answer) => answer.talks['1'] === r).length);
  return { overall, talk, commented: responses.filter(hasComment).length };
}

describe('feedback counters after a crash', () => {
  it('never drift from the stored answers, wherever the process dies while saving', async () => {
    const outcomes: string[] = [];
    for (let writes = 0; writes <= 8; writes++) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-drift-')), 'store.sqlite');
      const first = await sqliteStore(file);
      const before = new FeedbackRepository(first, silentLogger);
      await before.save(EVENT, memberKey(1), { rating: 2, talks: { 1: 3 } }, AT);
      await before.save(EVENT, memberKey(2), { rating: 4, talks: {}, worked: 'les démos' }, AT);
      // m1 changes their answer; the process dies after `writes` writes of that save.
      const dying = new FeedbackRepository(dyingAfter(first, writes), silentLogger, { ttlMs: 10_000, waitMs: 100 });
      const saved = await dying
        .save(EVENT, memberKey(1), { rating: 5, talks: { 1: 5 }, improve: 'plus de pizza' }, AT)
        .then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof Died)) throw error;
            return false;
          },
        );
      outcomes.push(saved ? 'saved' : 'died');
      await first.close();
      // The process starts again on the same file.
      const store = await sqliteStore(file);
      try {
        const repo = new FeedbackRepository(store, silentLogger);
        const totals = await repo.totals(EVENT, 1);
        expect(
          { overall: totals.overall.counts, talk: totals.talks[0]!.counts, commented: totals.commented },
          `died after ${writes} writes`,
        ).toEqual(await recount(repo));
        if (saved) expect((await repo.get(EVENT, memberKey(1)))?.rating).toBe(5);
      } finally {
        await store.close();
      }
    }
    // Every crash point was reached, up to a save that completed.
    expect(outcomes).toContain('died');
    expect(outcomes.at(-1)).toBe('saved');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leaseMs } from '../../src/announcements/settings.ts';
import type { Poster } from '../../src/core/poster.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { botProcess, community, testPoster, world } from '../announcements/support.ts';

const T0 = Date.parse('2026-03-28T12:00:00Z');
const AT = T0 + 10_000;

describe('scheduler fencing', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('never lets a claimer whose lease expired overwrite the outcome of the process that took over', async () => {
    const store = memoryStore();
    const paris = community();
    const inner = testPoster();
    const newOwnerOutcome = { at: AT, result: 'posted' as const, recordedAt: 42 };
    let takenOver = false;
    // While this process is posting, it is paused past its lease; another process takes the
    // occurrence over, posts it and records its outcome.
    const poster: Poster = {
      ...inner,
      async post(target, reply, options) {
        const key = options?.idempotencyKey as string;
        vi.setSystemTime(Date.now() + leaseMs(paris.schedule) + 1);
        expect(await store.claim(key, 'new-owner', 60_000)).toBe(true);
        expect(await store.settle(key, 'new-owner')).toBe(true);
        await bot.repository.saveOutcome(key, newOwnerOutcome);
        takenOver = true;
        await inner.post(target, reply, options);
      },
    };
    const bot = botProcess(store, world([{ community: paris }]), poster);
    await bot.scheduler.start();
    try {
      const record = await bot.repository.create({
        communityId: 'paris',
        channel: 'annonces',
        message: 'Hello',
        at: AT,
        createdBy: 'org',
        createdAt: T0,
        from: T0,
      });
      await vi.advanceTimersByTimeAsync(12_000);
      expect(takenOver).toBe(true);
      expect(await bot.repository.outcome(`paris:${record.id}:${new Date(AT).toISOString()}`)).toEqual(newOwnerOutcome);
    } finally {
      await bot.scheduler.stop();
    }
  });
  it('fences by the grant, not the owner id: a stalled claimer is refused once its own owner id was granted the key again', async () => {
    const store = memoryStore();
    const paris = community();
    const inner = testPoster();
    const laterGrantOutcome = { at: AT, result: 'failed' as const, reason: "the later grant's result", recordedAt: 42 };
    // The same owner id holds the key again (a process restarted under a fixed owner id while
    // its stalled predecessor was still at work): the later grant records its outcome first.
    const poster: Poster = {
      ...inner,
      async post(target, reply, options) {
        const key = options?.idempotencyKey as string;
        vi.setSystemTime(Date.now() + leaseMs(paris.schedule) + 1);
        const later = await store.lease(key, 'bot-1', 60_000);
        expect(later?.token).toBe(2);
        expect(await store.settle(key, 'bot-1', { token: later!.token })).toBe(true);
        await bot.repository.saveOutcome(key, laterGrantOutcome);
        await inner.post(target, reply, options);
      },
    };
    const bot = botProcess(store, world([{ community: paris }]), poster, { owner: 'bot-1' });
    await bot.scheduler.start();
    try {
      const record = await bot.repository.create({
        communityId: 'paris',
        channel: 'annonces',
        message: 'Hello',
        at: AT,
        createdBy: 'org',
        createdAt: T0,
        from: T0,
      });
      await vi.advanceTimersByTimeAsync(12_000);
      expect(inner.posted).toHaveLength(1);
      expect(await bot.repository.outcome(`paris:${record.id}:${new Date(AT).toISOString()}`)).toEqual(
        laterGrantOutcome,
      );
    } finally {
      await bot.scheduler.stop();
    }
  });

  it('tells the poster when an earlier attempt may have reached the platform: a retry, or a claim granted before', async () => {
    const store = memoryStore();
    const paris = community({ schedule: { retries: 1, retryDelay: 'PT1S' } });
    const seen: Array<boolean | undefined> = [];
    const inner = testPoster();
    const poster: Poster = {
      ...inner,
      async post(target, reply, options) {
        seen.push(options?.maybePosted);
        await inner.post(target, reply, options);
      },
    };
    inner.failNext(new Error('socket hang up'));
    const bot = botProcess(store, world([{ community: paris }]), poster);
    await bot.scheduler.start();
    try {
      const first = await bot.repository.create({
        communityId: 'paris',
        channel: 'annonces',
        message: 'One',
        at: AT,
        createdBy: 'org',
        createdAt: T0,
        from: T0,
      });
      await vi.advanceTimersByTimeAsync(15_000);
      expect(seen).toEqual([false, true]);
      // A holder that died after its claim: the next grant (token 2) may follow a post.
      const at = AT + 60_000;
      const key = `paris:${first.id + 1}:${new Date(at).toISOString()}`;
      expect(await store.claim(key, 'dead-process', 1)).toBe(true);
      await bot.repository.create({
        communityId: 'paris',
        channel: 'annonces',
        message: 'Two',
        at,
        createdBy: 'org',
        createdAt: T0,
        from: T0,
      });
      await vi.advanceTimersByTimeAsync(60_000 + leaseMs(paris.schedule) + 5_000);
      expect(seen).toEqual([false, true, true]);
    } finally {
      await bot.scheduler.stop();
    }
  });
});

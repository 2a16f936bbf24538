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
      const record = await bot.repository.create({ communityId: 'paris', channel: 'annonces', message: 'Hello', at: AT, createdBy: 'org', createdAt: T0, from: T0 });
      await vi.advanceTimersByTimeAsync(12_000);
      expect(takenOver).toBe(true);
      expect(await bot.repository.outcome(`paris:${record.id}:${new Date(AT).toISOString()}`)).toEqual(newOwnerOutcome);
    } finally {
      await bot.scheduler.stop();
    }
  });
});

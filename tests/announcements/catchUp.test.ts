import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnouncementRepository } from '../../src/announcements/repository.ts';
import type { ScheduleRecord } from '../../src/announcements/model.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { botProcess, community, meetup, testPoster, world } from './support.ts';

const T0 = Date.parse('2026-03-28T12:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function tick(extra: Partial<ScheduleRecord> = {}): Omit<ScheduleRecord, 'id'> {
  return {
    communityId: 'paris',
    channel: 'annonces',
    message: 'tick',
    cron: '* * * * *',
    createdBy: 'org',
    createdAt: Date.now(),
    from: Date.now(),
    ...extra,
  };
}

describe('catching up after a restart (schedule.catchUp)', () => {
  let store: Store;
  const stops: Array<() => Promise<void>> = [];

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    store = memoryStore();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    vi.useRealTimers();
  });

  /** Creates an every-minute schedule, stops the bot for 3.5 minutes, restarts it: what does it post? */
  async function outage(settings: Record<string, unknown>) {
    const w = world([{ community: community({ schedule: settings }) }]);
    const first = botProcess(store, w, testPoster());
    await first.scheduler.start();
    const record = await first.repository.create(tick());
    await first.scheduler.stop();
    await vi.advanceTimersByTimeAsync(3 * MINUTE + 30_000);
    const poster = testPoster();
    const second = botProcess(store, w, poster);
    await second.scheduler.start();
    stops.push(() => second.scheduler.stop());
    await vi.advanceTimersByTimeAsync(1_000);
    const [state] = await second.repository.states([record]);
    return { posted: poster.posted, state };
  }

  it('posts only the most recent missed run by default, and records the others as missed', async () => {
    const { posted, state } = await outage({});
    expect(posted.map((p) => iso(p.at))).toEqual(['2026-03-28T12:03:30.000Z']);
    expect(posted[0]!.key).toBe('paris:1:2026-03-28T12:03:00.000Z');
    expect(state?.last).toMatchObject({ result: 'posted', at: Date.parse('2026-03-28T12:03:00Z') });
    expect(state?.missed).toMatchObject({ result: 'missed', count: 2, at: Date.parse('2026-03-28T12:02:00Z') });
  });

  it('posts every run still within the starting deadline with catchUp: all, and the last run shown is the latest', async () => {
    const { posted, state } = await outage({ catchUp: 'all' });
    expect(posted.map((p) => p.key)).toEqual([
      'paris:1:2026-03-28T12:01:00.000Z',
      'paris:1:2026-03-28T12:02:00.000Z',
      'paris:1:2026-03-28T12:03:00.000Z',
    ]);
    expect(state?.last).toMatchObject({ result: 'posted', at: Date.parse('2026-03-28T12:03:00Z') });
    expect(state?.missed).toBeUndefined();
  });

  it('applies the same rule to meetup reminders', async () => {
    const settings = {
      reminders: { before: ['PT3H', 'PT2H', 'PT1H'], doorsOpen: false, feedback: false },
      schedule: { startingDeadline: 'PT4H' },
    };
    const w = world([{ community: community(settings), events: [meetup('m1', '2026-03-28T17:00')] }]);
    // The meetup starts at 16:00Z; the bot is down from 12:00Z, before the 3-hour reminder, until 15:10Z.
    const first = botProcess(store, w, testPoster());
    await first.scheduler.start();
    await first.scheduler.stop();
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE + 10 * MINUTE);
    const poster = testPoster();
    const second = botProcess(store, w, poster, { pollMs: 3_600_000 });
    await second.scheduler.start();
    stops.push(() => second.scheduler.stop());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(poster.posted.map((p) => p.key)).toEqual(['paris:reminder:m1:before-PT1H:2026-03-28T15:00:00.000Z']);
    const [state] = await second.repository.reminderStates(['paris']);
    expect(state?.last).toMatchObject({ result: 'posted', at: Date.parse('2026-03-28T15:00:00Z') });
    expect(state?.missed).toMatchObject({ result: 'missed', count: 2, at: Date.parse('2026-03-28T14:00:00Z') });
  });

  it('keeps the latest occurrence as the last run, whatever order outcomes of one millisecond are written in', async () => {
    const repository = new AnnouncementRepository(store);
    const record = await repository.create(tick());
    const at = (m: number) => T0 + m * MINUTE;
    const now = at(5);
    await repository.saveState('paris', record.id, {
      watermark: at(3),
      last: { at: at(3), result: 'posted', recordedAt: now },
    });
    await repository.saveState('paris', record.id, {
      watermark: at(3),
      last: { at: at(2), result: 'missed', recordedAt: now },
    });
    await repository.saveState('paris', record.id, {
      watermark: at(3),
      last: { at: at(1), result: 'posted', recordedAt: now },
    });
    const [state] = await repository.states([record]);
    expect(state?.last).toMatchObject({ at: at(3), result: 'posted' });
    expect(state?.missed).toMatchObject({ at: at(2) });
  });
});

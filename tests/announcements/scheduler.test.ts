import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Agenda } from '../../src/agenda/agenda.ts';
import { leaseMs } from '../../src/announcements/settings.ts';
import type { ScheduleRecord } from '../../src/announcements/model.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { botProcess, community, meetup, testPoster, world } from './support.ts';

const T0 = Date.parse('2026-03-28T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function once(at: number, extra: Partial<ScheduleRecord> = {}): Omit<ScheduleRecord, 'id'> {
  return {
    communityId: 'paris',
    channel: 'annonces',
    message: 'Hello {next_event}',
    at,
    createdBy: 'org',
    createdAt: Date.now(),
    from: Date.now(),
    ...extra,
  };
}

function cron(expression: string, extra: Partial<ScheduleRecord> = {}): Omit<ScheduleRecord, 'id'> {
  return {
    communityId: 'paris',
    channel: 'annonces',
    message: 'Weekly news',
    cron: expression,
    createdBy: 'org',
    createdAt: Date.now(),
    from: Date.now(),
    ...extra,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('scheduler (fake clock, memory store)', () => {
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

  async function run(w = world([{ community: community() }]), poster = testPoster(), extra = {}) {
    const bot = botProcess(store, w, poster, extra);
    await bot.scheduler.start();
    stops.push(() => bot.scheduler.stop());
    return { ...bot, poster, w };
  }

  it('posts a one-shot at its instant, once, with the occurrence identity as idempotency key', async () => {
    const { repository, poster } = await run(
      world([{ community: community(), events: [meetup('m12', '2026-04-15T19:00')] }]),
    );
    const at = T0 + 90 * SECOND;
    const record = await repository.create(once(at));
    await vi.advanceTimersByTimeAsync(89 * SECOND);
    expect(poster.posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * SECOND);
    expect(poster.posted).toHaveLength(1);
    expect(poster.posted[0]).toMatchObject({
      channel: 'annonces',
      key: `paris:${record.id}:${iso(at)}`,
      at,
      text: 'Hello Meetup m12',
    });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(poster.posted).toHaveLength(1);
    const [state] = await repository.states([record]);
    expect(state).toMatchObject({ watermark: at, last: { at, result: 'posted' } });
  });

  it('fires a recurring schedule at 03:00 local on the day Paris skips 02:30, then at 02:30 again', async () => {
    const { repository, poster } = await run(undefined, testPoster(), { pollMs: 3_600_000 });
    await repository.create(cron('30 2 * * *'));
    await vi.advanceTimersByTimeAsync(3 * 86_400_000);
    expect(poster.posted.map((p) => iso(p.at))).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ]);
  });

  it('after a restart posts nothing twice, posts what it missed within the starting deadline, and records older ones as missed', async () => {
    // catchUp: all, so that every run within the deadline is posted (the default, latest: catchUp.test.ts).
    const w = world([{ community: community({ schedule: { startingDeadline: 'PT10M', catchUp: 'all' } }) }]);
    const first = await run(w);
    const posted = await first.repository.create(once(T0 + 30 * SECOND, { message: 'before the crash' }));
    const late = await first.repository.create(once(T0 + 3 * MINUTE, { message: 'during the outage, recent' }));
    const old = await first.repository.create(once(T0 + 60 * SECOND, { message: 'during the outage, too old' }));
    const recurring = await first.repository.create(cron('*/5 * * * *', { message: 'every five minutes' }));
    await vi.advanceTimersByTimeAsync(40 * SECOND);
    expect(first.poster.posted.map((p) => p.text)).toEqual(['before the crash']);
    // The process stops (as after a crash: nothing else is written), and stays down 12 minutes.
    await first.scheduler.stop();
    await vi.advanceTimersByTimeAsync(11 * MINUTE + 30 * SECOND);
    const second = await run(w);
    await vi.advanceTimersByTimeAsync(1 * SECOND);
    const texts = second.poster.posted.map((p) => p.text);
    expect(texts).toContain('during the outage, recent');
    expect(texts).not.toContain('before the crash');
    expect(texts).not.toContain('during the outage, too old');
    // Restarted at 12:12:10: 12:05 is 7 minutes late and 12:10 2 minutes late (both posted).
    expect(texts.filter((t) => t === 'every five minutes')).toHaveLength(2);
    const states = await second.repository.states([posted, late, old, recurring]);
    expect(states.map((s) => s?.last?.result)).toEqual(['posted', 'posted', 'missed', 'posted']);
    // Re-registering (another start on the same store) duplicates nothing.
    const third = await run(w);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(third.poster.posted.filter((p) => p.text !== 'every five minutes')).toEqual([]);
    expect(
      [...second.poster.posted, ...third.poster.posted]
        .filter((p) => p.text === 'every five minutes')
        .map((p) => iso(p.at)),
    ).toEqual(['2026-03-28T12:12:10.000Z', '2026-03-28T12:12:10.000Z']);
  });

  it('two processes on one store post every occurrence exactly once', async () => {
    const w = world([{ community: community() }]);
    const a = await run(w, testPoster());
    const b = await run(w, testPoster());
    for (let i = 0; i < 50; i++) await a.repository.create(once(T0 + 5 * SECOND + i * 50));
    await b.repository.create(cron('*/10 * * * * *', { message: 'tick' }));
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    const all = [...a.poster.posted, ...b.poster.posted];
    const keys = all.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all.filter((p) => p.text !== 'tick')).toHaveLength(50);
    expect(all.filter((p) => p.text === 'tick').length).toBeGreaterThanOrEqual(11);
  });

  it('picks up a schedule another process created, within its poll interval', async () => {
    const w = world([{ community: community() }]);
    const { poster } = await run(w);
    // Another process: its own repository, so no in-process notification reaches this scheduler.
    const other = botProcess(store, w, testPoster());
    await other.repository.create(once(T0 + 5 * SECOND, { message: 'from elsewhere' }));
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(poster.posted.map((p) => p.text)).toEqual(['from elsewhere']);
  });

  it('takes over an occurrence whose claimer died, once its lease has expired', async () => {
    const c = community({ schedule: { retries: 1, retryDelay: 'PT1S', postTimeout: 'PT2S' } });
    const { repository, poster } = await run(world([{ community: c }]));
    const at = T0 + 10 * SECOND;
    const record = await repository.create(once(at));
    // A process that claimed it and died before posting.
    expect(await store.claim(`paris:${record.id}:${iso(at)}`, 'dead-process', leaseMs(c.schedule))).toBe(true);
    await vi.advanceTimersByTimeAsync(11 * SECOND);
    expect(poster.posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(leaseMs(c.schedule) + SECOND);
    expect(poster.posted).toHaveLength(1);
    expect(poster.posted[0]!.at).toBeGreaterThanOrEqual(at + leaseMs(c.schedule));
  });

  it('retries a failing post with backoff, then posts', async () => {
    const poster = testPoster();
    const { repository } = await run(
      world([{ community: community({ schedule: { retries: 3, retryDelay: 'PT2S' } }) }]),
      poster,
    );
    poster.failNext(new Error('503 from the platform'), new Error('socket hang up'));
    const at = T0 + 5 * SECOND;
    const record = await repository.create(once(at));
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    expect(poster.posted).toEqual([]);
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect(poster.posted).toHaveLength(1);
    // Backoff 2 s then 4 s (±20 %): posted 4.8 to 7.2 s after its instant.
    expect(poster.posted[0]!.at - at).toBeGreaterThanOrEqual(4_800);
    expect(poster.posted[0]!.at - at).toBeLessThanOrEqual(7_200);
    expect((await repository.states([record]))[0]?.last?.result).toBe('posted');
  });

  it('after the last retry records the failure and tells the organisers in their channel', async () => {
    const poster = testPoster();
    const { repository } = await run(
      world([{ community: community({ schedule: { retries: 1, retryDelay: 'PT1S' } }) }]),
      poster,
    );
    poster.failNext(new Error('boom 1'), new Error('boom 2'));
    const record = await repository.create(once(T0 + 5 * SECOND));
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect(poster.posted).toHaveLength(1);
    expect(poster.posted[0]).toMatchObject({ channel: 'orga' });
    expect(poster.posted[0]!.text).toContain(`announcement #${record.id}`);
    expect(poster.posted[0]!.text).toContain('boom 2');
    expect((await repository.states([record]))[0]?.last).toMatchObject({ result: 'failed', reason: 'boom 2' });
  });

  it('DMs the organisers named by id when there is no organisers channel', async () => {
    const poster = testPoster();
    const c = community({
      channels: { announcements: 'annonces' },
      organisers: { users: ['u1', 'u2'] },
      schedule: { retries: 0 },
    });
    const { repository } = await run(world([{ community: c }]), poster);
    poster.failNext(new Error('down'));
    await repository.create(once(T0 + 5 * SECOND));
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(poster.posted.map((p) => `${p.kind}:${p.channel}`)).toEqual(['dm:u1', 'dm:u2']);
  });

  it('pauses a schedule whose channel was deleted instead of failing at every run', async () => {
    const poster = testPoster();
    const { repository } = await run(world([{ community: community() }]), poster);
    poster.deleteChannel('annonces');
    const record = await repository.create(cron('0 * * * *'));
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    const stored = await repository.get('paris', record.id);
    expect(stored?.paused).toMatchObject({ by: 'channel', reason: 'annonces' });
    // One notice to the organisers, no further attempts.
    expect(poster.posted.map((p) => p.channel)).toEqual(['orga']);
    expect((await repository.states([record]))[0]?.last).toMatchObject({ result: 'failed', reason: 'channel' });
  });

  it('posts reminders 7 days, 1 day and 1 hour before, at the start and at the end of each event', async () => {
    const event = meetup('m12', '2026-04-08T19:00', 3);
    const { poster } = await run(world([{ community: community(), events: [event] }]), testPoster(), {
      pollMs: 3_600_000,
    });
    await vi.advanceTimersByTimeAsync(12 * 86_400_000);
    const local = poster.posted.map((p) => `${new Date(p.at).toISOString()} ${p.text.split('\n')[0]}`);
    expect(local).toEqual([
      // How far off the start is, in words ('in 7 days'), is each renderer's: tests/platforms/console/formatTime.test.ts.
      '2026-04-01T17:00:00.000Z Reminder: Meetup m12 is ~2026-04-08 19:00 (2026-04-08 19:00).',
      '2026-04-07T17:00:00.000Z Reminder: Meetup m12 is ~2026-04-08 19:00 (2026-04-08 19:00).',
      '2026-04-08T16:00:00.000Z Reminder: Meetup m12 is ~2026-04-08 19:00 (2026-04-08 19:00).',
      '2026-04-08T17:00:00.000Z Doors are open: Meetup m12 starts now!',
      '2026-04-08T20:00:00.000Z Thanks for coming to Meetup m12! Tell us how it went with /feedback.',
    ]);
    expect(poster.posted.every((p) => p.channel === 'annonces' && p.key?.startsWith('paris:reminder:m12:'))).toBe(true);
  });

  it('moves reminders with a moved event and drops those of a removed event', async () => {
    const w = world([
      {
        community: community({ reminders: { before: ['P1D'], doorsOpen: false, feedback: false } }),
        events: [meetup('a', '2026-04-01T19:00'), meetup('b', '2026-04-02T19:00')],
      },
    ]);
    const { scheduler, poster } = await run(w, testPoster(), { pollMs: 3_600_000 });
    // Event a moves a week later; event b is cancelled.
    w.agendas.set('paris', new Agenda([meetup('a', '2026-04-08T19:00')]));
    scheduler.agendaChanged('paris');
    await vi.advanceTimersByTimeAsync(12 * 86_400_000);
    expect(poster.posted.map((p) => p.key)).toEqual(['paris:reminder:a:before-P1D:2026-04-07T17:00:00.000Z']);
  });

  it('pauses reminders whose channel was deleted, until an organiser resumes them', async () => {
    const poster = testPoster();
    const events = [meetup('a', '2026-03-31T19:00'), meetup('b', '2026-04-07T19:00')];
    const w = world([
      { community: community({ reminders: { before: ['P1D'], doorsOpen: false, feedback: false } }), events },
    ]);
    const { repository } = await run(w, poster, { pollMs: 3_600_000 });
    poster.deleteChannel('annonces');
    await vi.advanceTimersByTimeAsync(4 * 86_400_000);
    expect(poster.posted.map((p) => p.channel)).toEqual(['orga']);
    expect(poster.posted[0]!.text).toContain('The channel #annonces no longer exists, so meetup reminders are paused');
    const [paused] = await repository.reminderStates(['paris']);
    expect(paused).toMatchObject({ pausedChannel: 'annonces', last: { result: 'failed', reason: 'channel' } });
    poster.restoreChannel('annonces');
    await repository.resumeReminders('paris');
    await vi.advanceTimersByTimeAsync(7 * 86_400_000);
    expect(poster.posted.slice(1).map((p) => p.key)).toEqual(['paris:reminder:b:before-P1D:2026-04-06T17:00:00.000Z']);
  });

  it('records a missed occurrence with its count after a long outage, without posting it', async () => {
    const w = world([{ community: community() }]);
    const first = await run(w);
    const record = await first.repository.create(cron('0 * * * *'));
    await first.scheduler.stop();
    await vi.advanceTimersByTimeAsync(5 * 60 * MINUTE + 30 * MINUTE);
    const second = await run(w);
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(second.poster.posted).toEqual([]);
    const [state] = await second.repository.states([record]);
    expect(state?.last).toMatchObject({ result: 'missed', count: 5, at: Date.parse('2026-03-28T17:00:00Z') });
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(second.poster.posted).toHaveLength(1);
  });

  it('does not post a paused or cancelled schedule, and resumes from now', async () => {
    const { repository, poster } = await run();
    const record = await repository.create(cron('*/10 * * * * *'));
    await vi.advanceTimersByTimeAsync(25 * SECOND);
    expect(poster.posted).toHaveLength(2);
    await repository.save({ ...record, paused: { by: 'organiser', at: Date.now() } });
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(poster.posted).toHaveLength(2);
    await repository.save({ ...record, from: Date.now() });
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(poster.posted).toHaveLength(4);
    await repository.remove('paris', record.id);
    await vi.advanceTimersByTimeAsync(60 * SECOND);
    expect(poster.posted).toHaveLength(4);
  });
});

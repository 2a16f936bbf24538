import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleRecord } from '../../src/announcements/model.ts';
import { checkChannel } from '../../src/announcements/validate.ts';
import type { Platform } from '../../src/core/invocation.ts';
import { UnknownChannelError, type Poster } from '../../src/core/poster.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { outcomeWords } from '../support/words.ts';
import { botProcess, community, meetup, world, type World } from './support.ts';

const T0 = Date.parse('2026-03-28T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A community on Discord and Slack, with no console channel. */
const onBoth = (extra: Record<string, unknown> = {}) =>
  community({
    channels: {},
    discord: { guildId: '1', channels: { announcements: 'annonces', organisers: 'orga' }, organisers: ['d1'] },
    slack: { teamId: 'T1', channels: { announcements: 'general', organisers: 'staff' }, organisers: ['U1'] },
    ...extra,
  });

interface Seen {
  kind: 'post' | 'dm';
  platform: Platform;
  to: string;
  key?: string;
  text: string;
}

/** Records what reaches each platform; a channel may be gone on one platform only. */
function platformPoster() {
  const seen: Seen[] = [];
  const gone = new Set<string>();
  const failing = new Set<Platform>();
  const text = (reply: Parameters<Poster['post']>[1]) => outcomeWords(reply, 'Europe/Paris');
  const poster: Poster = {
    async post(target, reply, options) {
      if (gone.has(`${target.platform}:${target.channel}`)) throw new UnknownChannelError(target.channel);
      if (failing.has(target.platform) && target.channel !== 'staff' && target.channel !== 'orga')
        throw new Error(`${target.platform} is down`);
      seen.push({
        kind: 'post',
        platform: target.platform,
        to: target.channel,
        key: options?.idempotencyKey,
        text: text(reply),
      });
    },
    async dm(target, reply, options) {
      seen.push({
        kind: 'dm',
        platform: target.platform,
        to: target.memberId,
        key: options?.idempotencyKey,
        text: text(reply),
      });
    },
  };
  return { poster, seen, gone, failing };
}

const where = (seen: Seen[]) => seen.map((s) => `${s.kind} ${s.platform}:${s.to}`);

describe('a community on several platforms', () => {
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

  async function run(w: World, poster: Poster, platforms: Platform[] = ['discord', 'slack']) {
    const bot = botProcess(store, w, poster, { platforms });
    await bot.scheduler.start();
    stops.push(() => bot.scheduler.stop());
    return bot;
  }

  const event = () => meetup('m12', '2026-03-28T15:00', 3);
  const remindersOnly = { reminders: { before: ['PT1H'], doorsOpen: false, feedback: false } };

  it('posts each reminder on both platforms, exactly once per platform with two processes on one store', async () => {
    const w = world([{ community: onBoth(remindersOnly), events: [event()] }]);
    const a = platformPoster();
    const b = platformPoster();
    await run(w, a.poster);
    await run(w, b.poster);
    await vi.advanceTimersByTimeAsync(60 * MINUTE + 5 * SECOND);
    const all = [...a.seen, ...b.seen];
    expect(where(all).sort()).toEqual(['post discord:annonces', 'post slack:general']);
    const key = 'paris:reminder:m12:before-PT1H:2026-03-28T13:00:00.000Z';
    expect(all.map((s) => s.key).sort()).toEqual([`${key}@discord`, `${key}@slack`]);
  });

  it('posts only to the platforms running in this process', async () => {
    const c = onBoth({ ...remindersOnly, channels: { announcements: 'console-annonces' } });
    const { poster, seen } = platformPoster();
    await run(world([{ community: c, events: [event()] }]), poster, ['console', 'slack']);
    await vi.advanceTimersByTimeAsync(60 * MINUTE + 5 * SECOND);
    expect(where(seen)).toEqual(['post console:console-annonces', 'post slack:general']);
    expect(seen[0]?.key).toBe('paris:reminder:m12:before-PT1H:2026-03-28T13:00:00.000Z');
  });

  it('posts an announcement that named no channel on every platform, one that named one on its platform only', async () => {
    const { poster, seen } = platformPoster();
    const bot = await run(world([{ community: onBoth(), events: [event()] }]), poster);
    const base = { communityId: 'paris', createdBy: 'org', createdAt: T0, from: T0 } satisfies Partial<ScheduleRecord>;
    await bot.repository.create({
      ...base,
      channel: 'general',
      platform: 'slack',
      everywhere: true,
      message: 'everywhere',
      at: T0 + 10 * SECOND,
    });
    await bot.repository.create({
      ...base,
      channel: 'staff',
      platform: 'slack',
      message: 'slack only',
      at: T0 + 20 * SECOND,
    });
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(seen.map((s) => `${s.platform}:${s.to} ${s.text}`)).toEqual([
      'discord:annonces everywhere',
      'slack:general everywhere',
      'slack:staff slack only',
    ]);
  });

  it('reads an announcement stored before platforms existed as the console’s', async () => {
    const { poster, seen } = platformPoster();
    const bot = await run(world([{ community: community() }]), poster, ['console', 'discord']);
    await bot.repository.create({
      communityId: 'paris',
      channel: 'annonces',
      message: 'old',
      at: T0 + 10 * SECOND,
      createdBy: 'org',
      createdAt: T0,
      from: T0,
    });
    await vi.advanceTimersByTimeAsync(15 * SECOND);
    expect(where(seen)).toEqual(['post console:annonces']);
  });

  it('tells the organisers of the platform where a post failed, there', async () => {
    const c = onBoth({ ...remindersOnly, schedule: { retries: 0 } });
    const { poster, seen, failing } = platformPoster();
    failing.add('slack');
    await run(world([{ community: c, events: [event()] }]), poster);
    await vi.advanceTimersByTimeAsync(60 * MINUTE + 5 * SECOND);
    expect(where(seen)).toEqual(['post discord:annonces', 'post slack:staff']);
    expect(seen[1]?.text).toContain('slack is down');
  });

  it('does not record as missed an occurrence another process posted on its platform before it died', async () => {
    const { poster, seen } = platformPoster();
    const bot = botProcess(store, world([{ community: onBoth() }]), poster, { platforms: ['discord', 'slack'] });
    const at = T0 + 10 * SECOND;
    const record = await bot.repository.create({
      communityId: 'paris',
      channel: 'orga',
      platform: 'discord',
      message: 'x',
      at,
      createdBy: 'org',
      createdAt: T0,
      from: T0,
    });
    // Posted and its outcome written, then the process died before writing the schedule's state.
    await bot.repository.saveOutcome(`paris:${record.id}:${new Date(at).toISOString()}@discord`, {
      at,
      result: 'posted',
      recordedAt: at,
    });
    vi.setSystemTime(T0 + 20 * MINUTE);
    await bot.scheduler.start();
    stops.push(() => bot.scheduler.stop());
    await vi.advanceTimersByTimeAsync(SECOND);
    expect(seen).toEqual([]);
    expect((await bot.repository.states([record]))[0]?.last).toBeUndefined();
  });

  it('pauses reminders on the platform whose channel is gone, and goes on posting on the other', async () => {
    const c = onBoth({
      reminders: { before: ['PT2H', 'PT1H'], doorsOpen: false, feedback: false },
      schedule: { retries: 0 },
    });
    const { poster, seen, gone } = platformPoster();
    gone.add('slack:general');
    const bot = await run(world([{ community: c, events: [meetup('m12', '2026-03-28T16:00', 3)] }]), poster);
    await vi.advanceTimersByTimeAsync(2 * 60 * MINUTE + 5 * SECOND);
    expect(where(seen)).toEqual(['post discord:annonces', 'post slack:staff', 'post discord:annonces']);
    expect((await bot.repository.reminderStates(['paris']))[0]?.pausedChannel).toBe('slack:general');
  });
});

describe('/announce channel: on a community on several platforms', () => {
  const c = onBoth({ channels: { announcements: 'console-annonces' } });

  it('names a channel of the platform it is typed on', () => {
    expect(checkChannel(c, '#staff', 'en', 'slack')).toEqual({
      ok: true,
      value: { channel: 'staff', platform: 'slack' },
    });
    expect(checkChannel(c, 'staff', 'en', 'discord').ok).toBe(false);
    expect(checkChannel(c, 'orga', 'en', 'discord')).toEqual({
      ok: true,
      value: { channel: 'orga', platform: 'discord' },
    });
  });

  it('with no channel, goes everywhere, shown as the announcements channel of the platform it is typed on', () => {
    expect(checkChannel(c, undefined, 'en', 'discord')).toEqual({
      ok: true,
      value: { channel: 'annonces', platform: 'discord', everywhere: true },
    });
    expect(checkChannel(c, '', 'en', 'console')).toEqual({
      ok: true,
      value: { channel: 'console-annonces', platform: 'console', everywhere: true },
    });
  });
});

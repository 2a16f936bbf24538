/**
 * The big fault runs of `npm run bench -- faults` (the tests in tests/faults run bounded versions):
 * the real `emcee start --stay` killed with SIGKILL at random instants during 1,000 scheduled
 * posts, and several processes sharing one Redis.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AnnouncementRepository } from '../src/announcements/repository.ts';
import { openStore } from '../src/store/openStore.ts';
import { announcingBot, countEach, tempConfig } from '../tests/support/announcingBot.ts';
import { whenPrinted } from '../tests/support/emceeProcess.ts';

export interface PostFigures {
  expected: number;
  lost: number;
  duplicates: number;
  kills: number;
  seconds: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` one-shot announcements, `spacingMs` apart from `first`, written straight to the store as another process would. */
async function schedule(storeUrl: string, count: number, first: number, spacingMs: number): Promise<void> {
  const store = await openStore(storeUrl);
  const repository = new AnnouncementRepository(store);
  for (let i = 0; i < count; i++)
    await repository.create({
      communityId: 'test',
      channel: 'annonces',
      message: `o${i}`,
      at: first + i * spacingMs,
      createdBy: 'bench',
      createdAt: Date.now(),
      from: Date.now(),
    });
  await store.close();
}

function tally(posts: string[], expected: number, kills: number, started: number): PostFigures {
  const counts = countEach(posts);
  return {
    expected,
    lost: expected - counts.size,
    duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
    kills,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * `count` posts due over about `count × spacingMs`; one bot at a time, each killed with SIGKILL at
 * a random instant 1–4 s after it started, then another started, until the last is due; a final
 * bot then finishes (catch-up, and leases of killed holders expiring).
 */
export async function killNineDuringPosts(storeUrl: string, count = 1_000, spacingMs = 40): Promise<PostFigures> {
  const started = Date.now();
  const config = tempConfig();
  const first = Date.now() + 6_000;
  await schedule(storeUrl, count, first, spacingMs);
  // The console's channel remembers what it wrote (its journal), as Discord does with a nonce:
  // a bot killed between a post and its settle is not followed by a repeat.
  const env = { STORE_URL: storeUrl, EMCEE_CONSOLE_JOURNAL: path.join(config, 'console-posts.journal') };
  const posts: string[] = [];
  let kills = 0;
  const lastDue = first + count * spacingMs;
  while (Date.now() < lastDue) {
    const bot = announcingBot(config, env);
    await pause(1_000 + Math.random() * 3_000);
    await bot.kill9();
    kills++;
    posts.push(...bot.posts());
  }
  const last = announcingBot(config, env);
  try {
    await whenPrinted(
      () => new Set([...posts, ...last.posts()]).size >= count,
      `${count} posts`,
      120_000,
      () => last.stderr.slice(-2_000),
    );
    await pause(2_000);
  } finally {
    await last.stop();
  }
  return tally([...posts, ...last.posts()], count, kills, started);
}

/** `processes` bots on one Redis; `count` occurrences due 25 ms apart, created after they started. */
export async function processesOnOneRedis(storeUrl: string, processes: number, count = 1_000): Promise<PostFigures> {
  const started = Date.now();
  const config = tempConfig();
  const env = { STORE_URL: storeUrl, EMCEE_SCHEDULER_POLL_MS: '500' };
  const bots = Array.from({ length: processes }, () => announcingBot(config, env, ['/announce list']));
  try {
    for (const bot of bots)
      await bot.waitFor(
        () => bot.stdout.includes('Scheduled announcements') || bot.stdout.includes('No scheduled announcement'),
        'a bot to start',
        60_000,
      );
    await schedule(storeUrl, count, Date.now() + 5_000, 25);
    const all = () => bots.flatMap((bot) => bot.posts());
    await whenPrinted(
      () => new Set(all()).size >= count,
      `${count} posts`,
      120_000,
      () => bots.map((bot) => bot.stderr.slice(-500)).join('\n'),
    );
    await pause(2_000);
    return tally(all(), count, 0, started);
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
  }
}

export const sqliteUrl = () =>
  `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-bench-')), 'store.sqlite')}`;

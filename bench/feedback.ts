import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { DateTime } from 'luxon';
import { createApp, type App } from '../src/app.ts';
import { fixedClock } from '../src/core/clock.ts';
import type { Member } from '../src/core/invocation.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Answer } from '../src/feedback/model.ts';
import { FeedbackRepository, type EventRef, type ImportRow } from '../src/feedback/repository.ts';
import { renderReply } from '../src/platforms/console/render.ts';
import { memoryStore } from '../src/store/memoryStore.ts';
import { sqliteStore } from '../src/store/sqliteStore.ts';
import type { Store } from '../src/store/store.ts';
import { percentile, timeRuns, type BenchRow } from './stats.ts';

const ANSWERS = 100_000;
const BATCH = 1_000;
const SUMMARY_RUNS = 300;
const SUBMIT_RUNS = 300;
/** Meetup #12 of the sample community ended 2026-06-17 21:30 Paris; the bench runs the day after. */
const NOW = '2026-06-18T10:00:00+02:00';
const EVENT: EventRef = { communityId: 'sre-paris', eventId: '2026-06-17-meetup-12' };
const CONFIG = path.resolve(import.meta.dirname, '..', 'config');

/** Answer n of the synthetic crowd: every rating, a third with comments, half rating the talks. */
function row(n: number): ImportRow {
  const answer: Answer = {
    rating: (n % 5) + 1,
    talks: n % 2 === 0 ? { 1: ((n >> 1) % 5) + 1, 2: ((n >> 2) % 5) + 1 } : {},
  };
  if (n % 3 === 0) answer.worked = `Démo ${n} : très claire, merci`;
  if (n % 6 === 0) answer.improve = `Idée ${n} : plus de temps pour les questions`;
  return {
    member: n.toString(16).padStart(64, '0'),
    answer,
    at: DateTime.fromISO(NOW).minus({ seconds: ANSWERS - n }),
  };
}

/** Writes the answers through the repository's bulk path, in bounded batches. */
async function load(store: Store): Promise<number> {
  const repo = new FeedbackRepository(store, silentLogger);
  const start = performance.now();
  for (let from = 0; from < ANSWERS; from += BATCH) {
    await repo.importResponses(
      EVENT,
      Array.from({ length: Math.min(BATCH, ANSWERS - from) }, (_, i) => row(from + i)),
    );
  }
  return performance.now() - start;
}

/**
 * `@keyv/sqlite` has no `setMany`, so keyv writes a batch as one committed (fsynced) transaction per
 * key: 200,000 keys take minutes. For loading only, the bench gives keyv a `setMany` that writes a
 * batch in one statement (one transaction) on the same table, with the same keys and serialised
 * values; everything else — record encoding, log positions, counters — is the repository's own
 * `importResponses`. The measurements then reopen the file with the production `sqliteStore`.
 */
class OneStatementSqlite extends KeyvSqlite {
  async setMany(entries: Array<{ key: string; value: unknown }>): Promise<boolean[]> {
    await this.query(
      `INSERT INTO ${this.opts.table} (key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      JSON.stringify(entries.map((entry) => [entry.key, entry.value])),
    );
    return entries.map(() => true);
  }
}

async function bulkSqlite(file: string): Promise<Store> {
  const base = await sqliteStore(file);
  const adapter = new OneStatementSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 });
  const records = new Keyv({ store: adapter, namespace: 'feedback' });
  return {
    ...base,
    namespace: <T>(name: string) => (name === 'feedback' ? (records as Keyv<T>) : base.namespace<T>(name)),
    close: async () => {
      await adapter.disconnect();
      await base.close();
    },
  };
}

async function app(store: Store): Promise<App> {
  const clock = fixedClock(DateTime.fromISO(NOW, { setZone: true }));
  return createApp({
    configDir: CONFIG,
    clock,
    logger: silentLogger,
    poster: () => ({ post: async () => {}, dm: async () => {} }),
    store,
  });
}

/** `/feedback summary` as an organiser, through the bot and the console renderer, and `/feedback rating:…` as new members. */
async function measure(label: string, store: Store, loadMs: number): Promise<BenchRow[]> {
  const running = await app(store);
  const community = [...running.communities.values()][0]!;
  const origin = (member: Member) => ({
    communityId: community.id,
    platform: 'console' as const,
    channelId: 'bench',
    member,
  });
  const view = { zone: community.timezone, locale: community.locale, now: DateTime.fromISO(NOW) };
  const organiser: Member = { id: 'orga', displayName: 'orga', roles: [], organiser: true };
  const summary = async () => {
    const outcome = await running.bot.handle({
      ...origin(organiser),
      command: 'feedback',
      input: { kind: 'text', text: 'summary' },
    });
    if (outcome.kind !== 'reply') throw new Error('summary gave a form');
    const text = renderReply(outcome, view);
    if (!/^100\s000 /m.test(text)) throw new Error(`summary does not count ${ANSWERS} answers:\n${text}`);
  };
  const summaries = await timeRuns(summary, SUMMARY_RUNS, 20);

  let n = 0;
  const submit = async () => {
    const member: Member = { id: `bench-${n++}`, displayName: 'bench', roles: [] };
    const outcome = await running.bot.handle({
      ...origin(member),
      command: 'feedback',
      input: { kind: 'text', text: `rating:${(n % 5) + 1} worked:"bien" talks:"1:4"` },
    });
    if (outcome.kind !== 'reply') throw new Error('submission gave a form');
  };
  const submits = await timeRuns(submit, SUBMIT_RUNS, 10);

  // Baseline, same run: a summary that reads every answer (what the export does) instead of counters.
  const scans = await timeRuns(
    async () => {
      const { responses } = await running.services.feedback.responses.all(EVENT);
      if (responses.length < ANSWERS) throw new Error(`scan found ${responses.length} answers`);
    },
    3,
    1,
  );

  const p99 = percentile(summaries, 99);
  return [
    {
      name: `${label}: load ${ANSWERS.toLocaleString('en')} answers (bulk, ${BATCH} a batch)`,
      value: loadMs,
      unit: 'ms',
    },
    {
      name: `${label}: /feedback summary over ${ANSWERS.toLocaleString('en')} answers, p50`,
      value: percentile(summaries, 50),
      unit: 'ms',
    },
    {
      name: `${label}: /feedback summary over ${ANSWERS.toLocaleString('en')} answers, p99`,
      value: p99,
      unit: 'ms',
      goal: '< 100 ms',
      met: p99 < 100,
      baseline: { name: 'scan of every answer, p50', value: percentile(scans, 50) },
    },
    {
      name: `${label}: /feedback rating:… (lock, log, record, counters), p50`,
      value: percentile(submits, 50),
      unit: 'ms',
    },
    { name: `${label}: /feedback rating:…, p99`, value: percentile(submits, 99), unit: 'ms' },
  ];
}

/** 100,000 answers to one meetup, on memory and SQLite: summary time (goal p99 < 100 ms) and submission time. */
export async function benchFeedback(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];

  const memory = memoryStore();
  rows.push(...(await measure('memory', memory, await load(memory))));

  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-bench-feedback-'));
  const file = path.join(dir, 'emcee.sqlite');
  try {
    const loading = await bulkSqlite(file);
    const loadMs = await load(loading);
    await loading.close();
    const store = await sqliteStore(file);
    try {
      rows.push(...(await measure('sqlite', store, loadMs)));
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

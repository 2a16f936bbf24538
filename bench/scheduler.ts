import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agenda } from '../src/agenda/agenda.ts';
import { AnnouncementRepository } from '../src/announcements/repository.ts';
import { Scheduler } from '../src/announcements/scheduler.ts';
import type { Community } from '../src/config/community.ts';
import { communitySchema } from '../src/config/communitySchema.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { sqliteStore } from '../src/store/sqliteStore.ts';
import { percentile, type BenchRow } from './stats.ts';

/**
 * `npm run bench -- scheduler`: 100,000 schedules across 10,000 communities. Each side runs in its
 * own child process so that resident memory is its own:
 * - ours: schedules read from the store, next runs computed (node-cron parses and validates), one
 *   timer over a binary heap;
 * - baseline, same run, same expressions and zones: node-cron 4.6 `schedule()` per schedule (one
 *   timer per task).
 * Then a bounded number of firings (2,000 occurrences over ~2 s) for lateness, and 5 s idle for CPU.
 */
const COMMUNITIES = 10_000;
const PER_COMMUNITY = 10;
const FIRINGS = 2_000;
const IDLE_MS = 5_000;
/** Start-up must be over by then, or the firings are late (which the figure would show). */
const FIRE_AFTER_MS = 15_000;
const ZONES = [
  'Europe/Paris',
  'America/Toronto',
  'UTC',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
];
const EXPRESSIONS = [
  '0 10 * * 1',
  '30 18 * * 3',
  '0 9 1 * *',
  '0 12 * * 1-5',
  '15 8 * * *',
  '0 19 * * 4#2',
  '0 0 L * *',
  '*/30 9-18 * * 1-5',
  '0 17 * * 5L',
  '45 7 * jan,jun *',
  '0 */6 * * *',
  '0 20 15 * *',
];

interface Measures {
  loadMs: number;
  rssMb: number;
  latenessP50: number;
  latenessP99: number;
  /** Ours only: until the Poster is called, its SQLite claim included. */
  postedP99?: number;
  idleCpuPercent: number;
}

function definition(i: number): { community: number; zone: string; expression: string } {
  const community = Math.floor(i / PER_COMMUNITY);
  return {
    community,
    zone: ZONES[community % ZONES.length] as string,
    expression: EXPRESSIONS[i % EXPRESSIONS.length] as string,
  };
}

function idleCpu(): Promise<number> {
  const startCpu = process.cpuUsage();
  const start = performance.now();
  return new Promise((resolve) =>
    setTimeout(() => {
      const used = process.cpuUsage(startCpu);
      resolve(((used.user + used.system) / 1000 / (performance.now() - start)) * 100);
    }, IDLE_MS),
  );
}

function sortedLateness(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

/** Ours, in a child process. */
async function measureOurs(): Promise<Measures> {
  const total = COMMUNITIES * PER_COMMUNITY;
  const communities = new Map<string, Community>();
  const base = communitySchema.parse({
    name: 'Bench',
    timezone: 'UTC',
    locale: 'en',
    channels: { announcements: 'annonces' },
    reminders: { enabled: false },
  });
  for (let c = 0; c < COMMUNITIES; c++) {
    const id = `c${c}`;
    communities.set(id, { ...base, timezone: ZONES[c % ZONES.length] as string, id, eventsDir: '', source: id });
  }
  // The default backend, SQLite in a temporary folder, filled in bulk (what /announce would have
  // written over time, in keyv's own row format); loading it is what start-up costs.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-bench-')), 'store.sqlite');
  const store = await sqliteStore(file);
  store.namespace('announcements');
  store.namespace('announcements-state');
  const raw = new KeyvSqlite({ uri: `sqlite://${file}` });
  const now = Date.now();
  // The bounded firings: the last schedule of each of the first 2,000 communities is a one-shot,
  // all due within 2 s, FIRE_AFTER_MS after the data was written (start-up happens meanwhile).
  const fireAt = now + FIRE_AFTER_MS;
  const rows: Array<[string, string]> = [];
  for (let i = 0; i < total; i++) {
    const { community, expression } = definition(i);
    const id = (i % PER_COMMUNITY) + 1;
    const once = id === PER_COMMUNITY && community < FIRINGS;
    const when = once ? { at: fireAt + community } : { cron: expression };
    const timing = { communityId: `c${community}`, id, channel: 'annonces', ...when, from: now };
    const content = {
      message: `Weekly news ${i}: ${'see the programme with {agenda_link}. '.repeat(5)}`,
      createdBy: 'bench',
      createdAt: now,
    };
    rows.push([`announcements:s:c${community}:${id}`, JSON.stringify({ value: timing })]);
    rows.push([`announcements:m:c${community}:${id}`, JSON.stringify({ value: content })]);
  }
  for (let c = 0; c < COMMUNITIES; c++) {
    const marks = Object.fromEntries(Array.from({ length: PER_COMMUNITY }, (_, i) => [i + 1, now]));
    rows.push([`announcements-state:w:c${c}`, JSON.stringify({ value: marks })]);
  }
  await raw.query('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
  for (let i = 0; i < rows.length; i += 20_000) {
    await raw.query(
      `INSERT OR REPLACE INTO keyv (key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`,
      JSON.stringify(rows.slice(i, i + 20_000)),
    );
  }
  const counters = Array.from({ length: COMMUNITIES }, (_, c) => [`announcements:seq:c${c}`, PER_COMMUNITY]);
  await raw.query(
    `INSERT OR REPLACE INTO emcee_counters (key, value) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)`,
    JSON.stringify(counters),
  );
  await raw.disconnect();
  rows.length = 0;
  const lateness: number[] = [];
  const posted: number[] = [];
  let allFired: () => void = () => {};
  const done = new Promise<void>((resolve) => (allFired = resolve));
  const repository = new AnnouncementRepository(store);
  const scheduler = new Scheduler({
    store,
    repository,
    poster: { post: async () => {}, dm: async () => {} },
    communities,
    agenda: () => new Agenda([]),
    lightning: { accepted: async () => [] },
    clock: systemClock,
    logger: silentLogger,
    onFire: (occurrence) => void lateness.push(Date.now() - occurrence.at),
    onDeliver: (occurrence) => {
      posted.push(Date.now() - occurrence.at);
      if (posted.length === FIRINGS) allFired();
    },
  });
  global.gc?.();
  const start = performance.now();
  await scheduler.start();
  const loadMs = performance.now() - start;
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1e6;
  if (scheduler.size.schedules !== total) throw new Error(`loaded ${scheduler.size.schedules} of ${total}`);
  await done;
  const idle = await idleCpu();
  await scheduler.stop();
  const sorted = sortedLateness(lateness);
  const postedP99 = percentile(sortedLateness(posted), 99);
  return {
    loadMs,
    rssMb,
    latenessP50: percentile(sorted, 50),
    latenessP99: percentile(sorted, 99),
    postedP99,
    idleCpuPercent: idle,
  };
}

/** node-cron 4.6, one task (one timer) per schedule, in a child process. */
async function measureNodeCron(): Promise<Measures> {
  const cron = await import('node-cron');
  cron.setLogger({ info() {}, warn() {}, error() {}, debug() {} });
  const total = COMMUNITIES * PER_COMMUNITY;
  global.gc?.();
  const start = performance.now();
  // The same 2,000 firings, as tasks for one whole second (node-cron fires on seconds), at the
  // same distance from the start as ours.
  const target = new Date(Math.ceil((Date.now() + FIRE_AFTER_MS) / 1000) * 1000);
  const once = `${target.getUTCSeconds()} ${target.getUTCMinutes()} ${target.getUTCHours()} * * *`;
  const lateness: number[] = [];
  let fired = 0;
  let allFired: () => void = () => {};
  const done = new Promise<void>((resolve) => (allFired = resolve));
  for (let i = 0; i < total; i++) {
    const { community, zone, expression } = definition(i);
    if ((i % PER_COMMUNITY) + 1 === PER_COMMUNITY && community < FIRINGS) {
      cron.schedule(
        once,
        (context) => {
          lateness.push(Date.now() - context.date.getTime());
          if (++fired === FIRINGS) allFired();
        },
        { timezone: 'UTC' },
      );
    } else cron.schedule(expression, () => {}, { timezone: zone });
  }
  const loadMs = performance.now() - start;
  global.gc?.();
  const rssMb = process.memoryUsage().rss / 1e6;
  await done;
  const idle = await idleCpu();
  const sorted = sortedLateness(lateness);
  return {
    loadMs,
    rssMb,
    latenessP50: percentile(sorted, 50),
    latenessP99: percentile(sorted, 99),
    idleCpuPercent: idle,
  };
}

function child(side: 'ours' | 'node-cron'): Promise<Measures> {
  return new Promise((resolve, reject) => {
    const file = fileURLToPath(import.meta.url);
    const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, `--bench-child=${side}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${side} bench exited with ${code}: ${out}`));
      resolve(JSON.parse(line) as Measures);
    });
  });
}

export async function benchScheduler(): Promise<BenchRow[]> {
  const ours = await child('ours');
  const theirs = await child('node-cron');
  const n = (COMMUNITIES * PER_COMMUNITY).toLocaleString('en');
  const baseline = (value: number) => ({ name: 'node-cron 4.6, one timer per task', value });
  return [
    {
      name: `start-up: load ${n} schedules of ${COMMUNITIES.toLocaleString('en')} communities from the store`,
      value: ours.loadMs,
      unit: 'ms',
      goal: '< 2000 ms',
      met: ours.loadMs < 2000,
      baseline: baseline(theirs.loadMs),
    },
    {
      name: 'resident memory after load',
      value: ours.rssMb,
      unit: 'MB',
      goal: '< 300 MB',
      met: ours.rssMb < 300,
      baseline: baseline(theirs.rssMb),
    },
    {
      name: `firing lateness p50 (${FIRINGS} firings within 2 s)`,
      value: ours.latenessP50,
      unit: 'ms',
      baseline: baseline(theirs.latenessP50),
    },
    {
      name: `firing lateness p99 (${FIRINGS} firings within 2 s)`,
      value: ours.latenessP99,
      unit: 'ms',
      goal: '< 100 ms',
      met: ours.latenessP99 < 100,
      baseline: baseline(theirs.latenessP99),
    },
    {
      name: `until posted, p99 (claim in SQLite with fsync included; node-cron has no claim)`,
      value: ours.postedP99 ?? Number.NaN,
      unit: 'ms',
    },
    {
      name: `CPU while idle (${IDLE_MS / 1000} s)`,
      value: ours.idleCpuPercent,
      unit: '%',
      baseline: baseline(theirs.idleCpuPercent),
    },
  ];
}

const side = process.argv.find((arg) => arg.startsWith('--bench-child='))?.slice('--bench-child='.length);
if (side === 'ours' || side === 'node-cron') {
  const measures = side === 'ours' ? await measureOurs() : await measureNodeCron();
  process.stdout.write(`${JSON.stringify(measures)}\n`);
  process.exit(0);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // `npx tsx bench/scheduler.ts`: this suite alone.
  for (const row of await benchScheduler()) {
    const goal = row.goal ? `  goal ${row.goal}: ${row.met ? 'met' : 'NOT met'}` : '';
    const base = row.baseline
      ? `  (${row.baseline.name}: ${row.baseline.value.toFixed(1)} ${row.unit}, ×${(row.baseline.value / row.value).toFixed(1)})`
      : '';
    console.log(`  ${row.name}: ${row.value.toFixed(1)} ${row.unit}${goal}${base}`);
  }
}

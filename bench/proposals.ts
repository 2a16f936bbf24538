import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createApp } from '../src/app.ts';
import { fixedClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { renderReply } from '../src/platforms/console/render.ts';
import { ProposalRepository } from '../src/proposals/repository.ts';
import { memoryStore } from '../src/store/memoryStore.ts';
import { sqliteStore } from '../src/store/sqliteStore.ts';
import type { Store } from '../src/store/store.ts';
import { percentile, timeRuns, type BenchRow } from './stats.ts';

const PROPOSALS = 1_000;
const RUNS = 200;
const EVENT = '2027-01-20-meetup-13';
const CONFIG = path.resolve(import.meta.dirname, '..', 'config');

/**
 * `/proposals` for one meetup holding 1,000 proposals (the sample config, meetup #13), answered
 * and rendered, on SQLite (the default backend) and in memory. Proposals are submitted through the
 * repository, locks included, by 1,000 different members; a quarter are decided.
 */
export async function benchProposals(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-bench-proposals-'));
  try {
    const sqlite = await measure('SQLite', await sqliteStore(path.join(dir, 'emcee.sqlite')));
    const memory = await measure('memory', memoryStore());
    return [...sqlite, ...memory];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(backend: string, store: Store): Promise<BenchRow[]> {
  const clock = fixedClock(DateTime.fromISO('2026-12-01T10:00:00+01:00'));
  const app = await createApp({
    configDir: CONFIG,
    clock,
    logger: silentLogger,
    poster: () => ({ post: async () => {}, dm: async () => {} }),
    store,
  });
  try {
    const community = [...app.communities.values()][0]!;
    const repo = new ProposalRepository(store, silentLogger);
    const fillStart = performance.now();
    for (let i = 0; i < PROPOSALS; i++) {
      await repo.create({
        communityId: community.id,
        eventId: EVENT,
        fields: {
          title: `Talk number ${i}`,
          abstract: 'Error budgets, burn rates and the meetings that follow. '.repeat(8),
          duration: i % 2 ? 5 : 10,
        },
        speaker: { memberId: `member-${i}`, platform: 'console', name: `Member ${i}` },
        at: clock.now().minus({ minutes: PROPOSALS - i }),
        maxOpen: 3,
      });
    }
    const submitMs = (performance.now() - fillStart) / PROPOSALS;
    for (let id = 1; id <= PROPOSALS / 4; id++)
      await repo.change(community.id, id, id <= 4 ? 'accepted' : 'rejected', 'org', clock.now());

    const view = { zone: community.timezone, locale: community.locale, now: clock.now() };
    const member = { id: 'org', displayName: 'org', roles: [], organiser: true };
    const ask = (command: string, render: boolean) => async () => {
      const outcome = await app.bot.handle({
        communityId: community.id,
        platform: 'console',
        channelId: 'c',
        member,
        command,
        input: { kind: 'text', text: '' },
      });
      if (outcome.kind !== 'reply') throw new Error(`/${command} gave a ${outcome.kind}`);
      if (render) renderReply(outcome, view);
    };
    const lists = await timeRuns(ask('proposals', false), RUNS, 20);
    const rendered = await timeRuns(ask('proposals', true), RUNS, 20);
    const agendas = await timeRuns(ask('agenda', false), RUNS, 20);
    // What a first version did: read every record of the event to count and order them.
    const scans = await timeRuns(() => repo.forEvent(community.id, EVENT), RUNS / 4, 10);
    const p99 = percentile(lists, 99);
    const note = `${PROPOSALS} proposals for one event, ${backend}`;
    return [
      { name: `submit one proposal (leases, indexes), mean, ${backend}`, value: submitMs, unit: 'ms' },
      { name: `/proposals answer, p50, ${note}`, value: percentile(lists, 50), unit: 'ms' },
      {
        name: `/proposals answer, p99, ${note}`,
        value: p99,
        unit: 'ms',
        goal: '< 50 ms',
        met: p99 < 50,
        baseline: { name: 'read all 1,000 records, p99', value: percentile(scans, 99) },
      },
      { name: `/proposals answer + console render, p99, ${note}`, value: percentile(rendered, 99), unit: 'ms' },
      { name: `/agenda answer with 4 accepted talks, p99, ${backend}`, value: percentile(agendas, 99), unit: 'ms' },
    ];
  } finally {
    await app.close();
  }
}

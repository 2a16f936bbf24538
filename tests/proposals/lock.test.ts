import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { ProposalError } from '../../src/proposals/errors.ts';
import { locks, ProposalRepository } from '../../src/proposals/repository.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { ROOT } from '../support/cli.ts';

const EVENT = '2027-01-20-meetup-13';
const at = DateTime.fromISO('2026-12-01T10:00:00+01:00');
const submit = (repo: ProposalRepository, communityId: string, memberId = 'alice') =>
  repo.create({
    communityId,
    eventId: EVENT,
    fields: { title: 'Chaos', abstract: 'Pannes', duration: 5 },
    speaker: { memberId, platform: 'console', name: memberId },
    at,
    maxOpen: 3,
  });

/** Starts a process that takes `key` on the SQLite `file`, waits until it holds it, then kills it with SIGKILL. */
async function killedWhileHolding(file: string, key: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'tests/proposals/fixtures/holdLock.ts'), file, key],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('held\n');
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('proposal locks', () => {
  it('takes over at once a lock left by a process of this host that was killed, and indexes the proposal', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-proposals-lock-')), 'emcee.sqlite');
    await killedWhileHolding(file, locks.event('sre-paris', EVENT));
    const store = await sqliteStore(file);
    try {
      const repo = new ProposalRepository(store, silentLogger);
      const started = performance.now();
      const created = await submit(repo, 'sre-paris');
      // The dead holder's lease had a minute to run: it was taken over, not waited out.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect((await repo.forEvent('sre-paris', EVENT)).proposals.map((p) => p.id)).toEqual([created.id]);
      expect((await repo.forMember('sre-paris', 'alice')).proposals.map((p) => p.id)).toEqual([created.id]);
    } finally {
      await store.close();
    }
  });

  it('refuses as busy while a live holder keeps the lock, writing nothing and spending no id', async () => {
    const store: Store = memoryStore();
    const key = locks.event('c1', EVENT);
    expect(await store.claim(key, 'another-bot-process', 60_000)).toBe(true);
    const repo = new ProposalRepository(store, silentLogger, { ttlMs: 1_500, waitMs: 50 });
    const refused = await submit(repo, 'c1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProposalError);
    expect((refused as ProposalError).problem).toEqual({ kind: 'busy' });
    expect(await repo.get('c1', 1)).toBeUndefined();
    expect(await repo.forMember('c1', 'alice')).toEqual({ proposals: [], unreadable: [] });

    await store.release(key, 'another-bot-process');
    expect((await submit(repo, 'c1')).id).toBe(1);
  });

  it('gives up well within the 3 s a platform allows for an answer, for all the locks of a change together', async () => {
    const store = memoryStore();
    await store.claim(locks.event('c2', EVENT), 'another-bot-process', 60_000);
    const repo = new ProposalRepository(store, silentLogger);
    const started = performance.now();
    await expect(submit(repo, 'c2')).rejects.toBeInstanceOf(ProposalError);
    expect(performance.now() - started).toBeLessThan(2_500);
  });
});

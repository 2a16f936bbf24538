import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProposalError, type ProposalProblem } from '../../src/proposals/errors.ts';
import type { ProposalFields } from '../../src/proposals/model.ts';
import { ProposalRepository } from '../../src/proposals/repository.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { redisStore } from '../../src/store/redisStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';

const EVENT = '2027-01-20-meetup-13';
const at = DateTime.fromISO('2026-12-01T10:00:00+01:00');
const fields = (title: string): ProposalFields => ({ title, abstract: `About ${title}`, duration: 5 });

/** A pino logger whose records the test can read. */
function capturingLogger() {
  const records: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info', base: undefined },
    { write: (line: string) => void records.push(JSON.parse(line)) },
  );
  return { logger, records };
}

async function problemOf(promise: Promise<unknown>): Promise<ProposalProblem> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProposalError);
  return (error as ProposalError).problem;
}

let communityCount = 0;
/** Each test works in its own community, so tests sharing a backend do not see each other. */
const freshCommunity = () => `c${++communityCount}-${Date.now()}`;

interface Backend {
  /** Two handles on one backend, as two bot processes would have (memory: the same one twice). */
  stores: [Store, Store];
  close(): Promise<void>;
}

function repositoryContract(name: string, open: () => Promise<Backend>) {
  describe(`proposal repository on ${name}`, () => {
    let backend: Backend;
    let log: ReturnType<typeof capturingLogger>;
    let one: ProposalRepository;
    let two: ProposalRepository;
    beforeAll(async () => {
      backend = await open();
      log = capturingLogger();
      one = new ProposalRepository(backend.stores[0], log.logger);
      two = new ProposalRepository(backend.stores[1], log.logger);
    });
    afterAll(async () => backend?.close());

    const submit = (repo: ProposalRepository, communityId: string, memberId: string, title: string, maxOpen = 3) =>
      repo.create({
        communityId,
        eventId: EVENT,
        fields: fields(title),
        speaker: { memberId, platform: 'console', name: memberId },
        at,
        maxOpen,
      });

    it('stores a versioned record with its history, and indexes it by event and by member', async () => {
      const c = freshCommunity();
      const created = await submit(one, c, 'alice', 'Chaos à la carte');
      expect(created).toMatchObject({
        v: 2,
        id: 1,
        eventId: EVENT,
        state: 'submitted',
        history: [{ action: 'submitted', by: 'alice' }],
      });
      expect(await two.get(c, 1)).toEqual(created);
      expect((await two.forEvent(c, EVENT)).proposals.map((p) => p.id)).toEqual([1]);
      expect((await two.forMember(c, 'alice')).proposals.map((p) => p.title)).toEqual(['Chaos à la carte']);
      expect(await two.get(c, 2)).toBeUndefined();
    });

    it('loses no index entry when two processes submit at once, and gives every proposal its own id', async () => {
      const c = freshCommunity();
      const created = await Promise.all(
        Array.from({ length: 24 }, (_, i) => submit(i % 2 ? one : two, c, `member-${i}`, `Talk ${i}`)),
      );
      const ids = created.map((p) => p.id).sort((a, b) => a - b);
      expect(ids).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const indexed = (await one.forEvent(c, EVENT)).proposals.map((p) => p.id).sort((a, b) => a - b);
      expect(indexed).toEqual(ids);
    });

    it('holds a member to their open-proposal limit even when they submit from two processes at once', async () => {
      const c = freshCommunity();
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => submit(i % 2 ? one : two, c, 'alice', `Idea ${i}`, 3)),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
      for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
        expect((attempt.reason as ProposalError).problem).toMatchObject({ kind: 'too-many-open', max: 3 });
      }
      expect((await one.forMember(c, 'alice')).proposals).toHaveLength(3);
    });

    it('never accepts beyond capacity, even with two organisers deciding at once', async () => {
      const c = freshCommunity();
      for (let i = 0; i < 6; i++) await submit(one, c, `m${i}`, `Talk ${i}`);
      const decisions = await Promise.allSettled(
        [1, 2, 3, 4, 5, 6].map((id) => (id % 2 ? one : two).change(c, id, 'accepted', 'org', at, { capacity: 4 })),
      );
      expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(4);
      const refused = decisions.flatMap((d) => (d.status === 'rejected' ? [(d.reason as ProposalError).problem] : []));
      expect(refused).toHaveLength(2);
      expect(refused[0]).toMatchObject({ kind: 'full', capacity: 4 });
      expect((await one.accepted(c, EVENT)).proposals).toHaveLength(4);
    });

    it('keeps acceptance order, and a withdrawn accepted talk frees its slot', async () => {
      const c = freshCommunity();
      for (let i = 1; i <= 3; i++) await submit(one, c, `m${i}`, `Talk ${i}`);
      await one.change(c, 3, 'accepted', 'org', at, { capacity: 2 });
      await two.change(c, 1, 'accepted', 'org', at, { capacity: 2 });
      expect((await one.accepted(c, EVENT)).proposals.map((p) => p.id)).toEqual([3, 1]);
      expect(await problemOf(one.change(c, 2, 'accepted', 'org', at, { capacity: 2 }))).toMatchObject({ kind: 'full' });

      const { before, after } = await two.change(c, 3, 'withdrawn', 'm3', at.plus({ hours: 1 }), { asSpeaker: 'm3' });
      expect(before.state).toBe('accepted');
      expect(after.history.map((h) => [h.action, h.by])).toEqual([
        ['submitted', 'm3'],
        ['accepted', 'org'],
        ['withdrawn', 'm3'],
      ]);
      await one.change(c, 2, 'accepted', 'org', at, { capacity: 2 });
      expect((await one.accepted(c, EVENT)).proposals.map((p) => p.id)).toEqual([1, 2]);
    });

    it('refuses moves the state machine forbids, other people’s proposals and unknown ids', async () => {
      const c = freshCommunity();
      await submit(one, c, 'alice', 'Talk');
      await one.change(c, 1, 'rejected', 'org', at, { reason: 'Off topic' });
      expect(await problemOf(one.change(c, 1, 'accepted', 'org', at, { capacity: 4 }))).toMatchObject({
        kind: 'bad-transition',
        to: 'accepted',
      });
      expect(await problemOf(one.change(c, 1, 'withdrawn', 'bob', at, { asSpeaker: 'bob' }))).toEqual({
        kind: 'not-yours',
        id: 1,
      });
      expect(await problemOf(one.change(c, 9, 'accepted', 'org', at))).toEqual({ kind: 'not-found', id: 9 });
      expect((await one.get(c, 1))?.history.at(-1)).toMatchObject({
        action: 'rejected',
        by: 'org',
        reason: 'Off topic',
      });
    });

    it('lets a speaker edit only their own proposal while it waits, and records the edit', async () => {
      const c = freshCommunity();
      await submit(one, c, 'alice', 'Draft title');
      const edited = await two.edit(c, 1, 'alice', at.plus({ minutes: 5 }), {
        ...fields('Final title'),
        duration: 10,
        handle: 'alice_ops',
      });
      expect(edited).toMatchObject({
        title: 'Final title',
        duration: 10,
        speaker: { memberId: 'alice', handle: 'alice_ops' },
      });
      expect(edited.history.map((h) => h.action)).toEqual(['submitted', 'edited']);
      expect(await problemOf(one.edit(c, 1, 'bob', at, fields('Mine now')))).toEqual({ kind: 'not-yours', id: 1 });
      await one.change(c, 1, 'accepted', 'org', at, { capacity: 4 });
      expect(await problemOf(one.edit(c, 1, 'alice', at, fields('Too late')))).toMatchObject({ kind: 'not-editable' });
    });

    it('logs a corrupt or unknown-version record and still lists the others', async () => {
      const c = freshCommunity();
      for (let i = 1; i <= 3; i++) await submit(one, c, `m${i}`, `Talk ${i}`);
      const kv = backend.stores[0].namespace('proposals');
      await kv.set(`p:${c}:2`, { v: 3, title: 'from a newer emcee' });
      const read = await two.forEvent(c, EVENT);
      expect(read.proposals.map((p) => p.id)).toEqual([1, 3]);
      expect(read.unreadable).toEqual([2]);
      expect(log.records).toContainEqual(
        expect.objectContaining({ level: 50, proposal: 2, community: c, msg: 'proposal record could not be read' }),
      );
      expect(log.records.find((r) => r.proposal === 2 && r.community === c)?.problem).toContain('schema version 3');

      await kv.set(`p:${c}:3`, { v: 1, id: 3, title: 42 });
      expect((await two.forEvent(c, EVENT)).unreadable).toEqual([2, 3]);
      expect(await problemOf(two.get(c, 3))).toEqual({ kind: 'unreadable', id: 3 });
    });

    it('reads the others when a record is not even JSON', async () => {
      const c = freshCommunity();
      for (let i = 1; i <= 2; i++) await submit(one, c, `m${i}`, `Talk ${i}`);
      // Below keyv, straight into the backend, as a hand edit or a torn write would leave it.
      const kv = backend.stores[0].namespace('proposals');
      await kv.store.set(kv._getKeyPrefix(`p:${c}:1`), '{"value": not json');
      const read = await one.forEvent(c, EVENT);
      expect(read.proposals.map((p) => p.id)).toEqual([2]);
      expect(read.unreadable).toEqual([1]);
      expect(log.records.find((r) => r.proposal === 1 && r.community === c)?.problem).toContain('could not decode');
    });

    it('refuses to write over an index it cannot read', async () => {
      const c = freshCommunity();
      await submit(one, c, 'alice', 'Talk');
      await backend.stores[0].namespace('proposals').set(`event:${c}:${EVENT}`, 'garbage');
      expect(await problemOf(submit(two, c, 'bob', 'Other'))).toEqual({
        kind: 'index-unreadable',
        key: `event:${c}:${EVENT}`,
      });
      expect(await problemOf(two.change(c, 1, 'accepted', 'org', at, { capacity: 4 }))).toEqual({
        kind: 'index-unreadable',
        key: `event:${c}:${EVENT}`,
      });
      expect(await backend.stores[0].namespace('proposals').get(`event:${c}:${EVENT}`)).toBe('garbage');
      // Nothing was written: no id spent on a record nobody can find, no state changed.
      expect(await one.get(c, 2)).toBeUndefined();
      expect((await one.get(c, 1))?.state).toBe('submitted');
      expect(log.records).toContainEqual(
        expect.objectContaining({
          level: 50,
          key: `proposals:event:${c}:${EVENT}`,
          msg: 'proposal index could not be read',
        }),
      );
    });
  });
}

repositoryContract('memory', async () => {
  const store = memoryStore();
  return { stores: [store, store], close: () => store.close() };
});

repositoryContract('sqlite', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-proposals-')), 'emcee.sqlite');
  const stores: [Store, Store] = [await sqliteStore(file), await sqliteStore(file)];
  return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
});

describe.skipIf(!redisAvailable())('redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());
  repositoryContract('redis', async () => {
    const stores: [Store, Store] = [await redisStore(server.url), await redisStore(server.url)];
    return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
  });
});

import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { MemberKeys } from '../../src/feedback/memberKey.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import type { Store } from '../../src/store/store.ts';
import { capturingLogger, flushed } from './support.ts';

const who = {
  platform: 'discord' as const,
  memberId: '123456789012345678',
  communityId: 'sre-paris',
  eventId: '2026-06-17-meetup-12',
};
const keys = (store: Store, secret: string | undefined, logger = silentLogger) =>
  new MemberKeys(store, store.namespace('feedback'), logger, secret);

describe('member keys', () => {
  it('are HMAC-SHA256 of platform, community, event and member id with the secret from the environment', async () => {
    const secret = 'x'.repeat(40);
    const log = capturingLogger();
    const key = await keys(memoryStore(), secret, log.logger).of(who);
    const expected = createHmac('sha256', secret)
      .update(JSON.stringify(['discord', 'sre-paris', '2026-06-17-meetup-12', '123456789012345678']))
      .digest('hex');
    expect(key).toBe(expected);
    expect(key).not.toContain(who.memberId);
    await flushed();
    expect(log.entries).toEqual([]);
  });

  it('differ between events, so one member’s answers to two meetups cannot be linked', async () => {
    const k = keys(memoryStore(), 'y'.repeat(40));
    expect(await k.of(who)).not.toBe(await k.of({ ...who, eventId: '2027-01-20-meetup-13' }));
    expect(await k.of(who)).not.toBe(await k.of({ ...who, platform: 'slack' }));
  });

  it('warn about a short secret', async () => {
    const log = capturingLogger();
    await keys(memoryStore(), 'short', log.logger).of(who);
    await flushed();
    expect(log.entries.map((entry) => entry.msg)).toEqual([
      expect.stringMatching(/EMCEE_FEEDBACK_SECRET is shorter than 32 characters/),
    ]);
  });

  it('without EMCEE_FEEDBACK_SECRET, generate one secret once, keep it in the store and warn', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-feedback-')), 'store.sqlite');
    // Opened one after the other: opening two stores at once on a fresh file is the store's own
    // start-up race (PRAGMA journal_mode), not what this test is about.
    const a = await sqliteStore(file);
    const b = await sqliteStore(file);
    const log = capturingLogger();
    try {
      // Two processes starting together elect one writer: they agree on the key.
      const [fromA, fromB] = await Promise.all([
        keys(a, undefined, log.logger).of(who),
        keys(b, undefined, log.logger).of(who),
      ]);
      expect(fromA).toMatch(/^[0-9a-f]{64}$/);
      expect(fromB).toBe(fromA);
      const stored = (await a.namespace('feedback').get('secret')) as { v: number; secret: string };
      expect(stored.v).toBe(1);
      expect(
        createHmac('sha256', stored.secret)
          .update(JSON.stringify(['discord', 'sre-paris', '2026-06-17-meetup-12', who.memberId]))
          .digest('hex'),
      ).toBe(fromA);
      await flushed();
      expect(
        log.entries.some((entry) => entry.level === 40 && /EMCEE_FEEDBACK_SECRET is not set/.test(String(entry.msg))),
      ).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const reopened = await sqliteStore(file);
    try {
      // A later process finds the same secret.
      expect(await keys(reopened, undefined).of(who)).toMatch(/^[0-9a-f]{64}$/);
      expect(await keys(reopened, undefined).of(who)).toBe(await keys(reopened, undefined).of(who));
    } finally {
      await reopened.close();
    }
  });

  it('refuse to replace a damaged stored secret, which would orphan every answer', async () => {
    const store = memoryStore();
    await store.namespace('feedback').set('secret', { v: 1, secret: 'too short' });
    await expect(keys(store, undefined).of(who)).rejects.toThrow(/stored feedback secret .* is unreadable/);
  });
});

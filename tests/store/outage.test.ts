import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreMessages } from '../../src/core/messages.ts';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { StoreUnavailableError } from '../../src/store/storeErrors.ts';
import { harness } from '../support/harness.ts';
import { textWords } from '../support/words.ts';
import { INFO, recordingLogger, WARN } from './recordingLogger.ts';

/** The store's connections closed under the running bot: every later query fails, as on a lost disk. */
async function failingSqliteStore(logger = recordingLogger().logger) {
  const store = await sqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'emcee-outage-')), 'emcee.sqlite'), {
    logger,
  });
  store.namespace('proposals');
  await store.close();
  return store;
}

describe('a SQLite store that fails while the bot runs', () => {
  it('fails reads and writes with StoreUnavailableError, never "no such record" or a lost write', async () => {
    const store = await failingSqliteStore();
    await expect(store.namespace('proposals').get('p:sre-paris:1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.namespace('proposals').set('p:sre-paris:1', { v: 1 })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(store.claim('job', 'me', 1_000)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.increment('ids')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('answers the member, in their own language, that the store is unavailable', async () => {
    const bot = await harness({ now: '2019-09-10T12:00:00+02:00', store: await failingSqliteStore() });
    for (const locale of ['en', 'fr'] as const) {
      const outcome = await bot.run('/agenda 4', { locale });
      expect(bot.words(outcome)).toBe(textWords(coreMessages.t(locale, 'storeUnavailable'), 'UTC'));
    }
  });

  it('logs the outage once, however many commands fail', async () => {
    const log = recordingLogger();
    const store = await failingSqliteStore(log.logger);
    for (let i = 0; i < 5; i++)
      await expect(store.namespace('proposals').get(`k${i}`)).rejects.toThrow(StoreUnavailableError);
    expect(log.count(WARN, 'store connection lost')).toBe(1);
    expect(log.count(INFO, 'store connection back')).toBe(0);
  });
});

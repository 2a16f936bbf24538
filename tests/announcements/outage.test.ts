import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { recordingLogger, WARN } from '../store/recordingLogger.ts';
import { botProcess, testPoster, world } from './support.ts';

const DEBUG = 20;
const POLL_FAILED = 'could not read schedule changes';

describe('the scheduler during a store outage', () => {
  it('leaves the outage to the store’s one warning instead of warning at every poll', async () => {
    const log = recordingLogger();
    const store = await sqliteStore(
      path.join(mkdtempSync(path.join(tmpdir(), 'emcee-sched-outage-')), 'emcee.sqlite'),
      { logger: log.logger },
    );
    const { scheduler } = botProcess(store, world([]), testPoster(), { pollMs: 10, logger: log.logger });
    await scheduler.start();
    try {
      await store.close();
      await vi.waitFor(() => expect(log.count(DEBUG, POLL_FAILED)).toBeGreaterThanOrEqual(3), {
        timeout: 5_000,
        interval: 10,
      });
      expect(log.count(WARN, POLL_FAILED)).toBe(0);
      expect(log.count(WARN, 'store connection lost')).toBe(1);
    } finally {
      await scheduler.stop();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announcingBot, tempConfig } from '../support/announcingBot.ts';
import { stopAll } from '../support/emceeProcess.ts';

afterEach(stopAll);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * SIGTERM (what Kubernetes and `docker stop` send) while a scheduled post is in flight: that post
 * finishes, the process exits 0, and nothing is left claimed for another process to wait out.
 */
describe('SIGTERM during posting', () => {
  it('finishes the post in flight, then stops without holding the next occurrence', { timeout: 60_000 }, async () => {
    const config = tempConfig();
    const env = {
      STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-sigterm-')), 'store.sqlite')}`,
    };
    const at = Date.now() + 10_000;
    // Each post waits 1.5 s before reaching the console: the first is in flight when SIGTERM comes,
    // and the second falls due while the process is stopping.
    const a = announcingBot(config, { ...env, EMCEE_TEST_POST_DELAY_MS: '1500' }, [
      `/announce at:${iso(at)} message:in-flight`,
      `/announce at:${iso(at + 400)} message:due-while-stopping`,
    ]);
    await a.waitFor(() => a.stderr.includes('emcee: posting test:1:'), 'the first post to start');
    const signalled = Date.now();
    expect(await a.stop()).toBe(0);
    expect(a.posts()).toEqual(['in-flight']);
    expect(Date.now() - signalled).toBeGreaterThan(1_000);

    const restarted = Date.now();
    const b = announcingBot(config, env);
    await b.waitFor(() => b.posts().includes('due-while-stopping'), 'the second occurrence', 20_000);
    // Not left claimed by the stopped process: posted at once, not after its lease (10.2 s here).
    expect(Date.now() - restarted).toBeLessThan(8_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(b.posts()).toEqual(['due-while-stopping']);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { EmceeProcess, stopAll } from '../support/emceeProcess.ts';
import { redisAvailable, startRedis, type RedisServer } from '../support/redisServer.ts';

afterEach(stopAll);

/** What was acknowledged to a member is in the store before the reply: kill -9 right after it loses nothing. */
function crashSuite(name: string, storeUrl: () => string) {
  describe(`an acknowledged write survives kill -9 (${name})`, () => {
    const env = () => ({
      STORE_URL: storeUrl(),
      EMCEE_NOW: '2026-06-18T10:00:00+02:00',
      EMCEE_FEEDBACK_SECRET: 'test-secret',
    });

    it('keeps a proposal and a feedback answer acknowledged just before the kill', async () => {
      const alice = new EmceeProcess(['start', '--user', 'alice'], { env: env(), keepInputOpen: true });
      alice.type('/propose title:"Chaos à la carte" abstract:"Casser la prod exprès, mais proprement." duration:5');
      await alice.waitFor(/Proposition #\d+ reçue/);
      alice.type('/feedback 12 rating:4 worked:"les démos"');
      await alice.waitFor(/Votre avis sur #12 .* est enregistré\u202f: 4\/5/);
      await alice.kill9();

      const organiser = await runCli(
        ['start', '--as', 'organiser', '--user', 'org'],
        ['/proposals 13', '/feedback export 12'],
        env(),
      );
      expect(organiser.stdout).toMatch(/#\d+ «\u202fChaos à la carte\u202f» — alice · 5 min · en attente de décision/);
      expect(organiser.stdout).toMatch(/1 réponse/);
    });
  });
}

crashSuite(
  'SQLite',
  (() => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-crash-')), 'emcee.sqlite');
    return () => `sqlite://${file}`;
  })(),
);

describe.skipIf(!redisAvailable())('with Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => server?.stop());
  crashSuite('Redis', () => server.url);
});

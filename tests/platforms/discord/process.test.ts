/**
 * `emcee start` as a child process with DISCORD_TOKEN set: a refused login is one clear line and
 * exit 1 (no stack trace); SIGTERM closes the Gateway connection and exits 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, failOnUnhandledRejections, withTimeout } from '../../fakes/discord/index.ts';
import { deployCommands } from '../../../src/cli/deployCommands.ts';
import { EmceeProcess, stopAll } from '../../support/emceeProcess.ts';
import { configFor } from './harness.ts';

failOnUnhandledRejections();

const PROCESS_WAIT_MS = 30_000;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await stopAll();
  await fake?.stop();
  fake = undefined;
});

/** `emcee start` on the fake; `said(text)` resolves once stderr (the log) has shown `text`. */
function emceeStart(
  discord: FakeDiscord,
  logLevel: string,
  extraEnv: Record<string, string> = {},
  configDir = configFor(discord),
) {
  const bot = new EmceeProcess(['start', '--config', configDir], {
    env: {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      STORE_URL: 'memory://',
      EMCEE_LOG_LEVEL: logLevel,
      ...extraEnv,
    },
  });
  const said = (text: string) => bot.waitFor(() => bot.stderr.includes(text), `"${text}" in the log`, PROCESS_WAIT_MS);
  const exited = () =>
    withTimeout(bot.exited, PROCESS_WAIT_MS, 'emcee start to exit').then((code) => ({ code, stderr: bot.stderr }));
  return { exited, said, stop: () => bot.stop() };
}

describe('emcee start on Discord, as a process', () => {
  it.each([
    [4004, /DISCORD_TOKEN/],
    [4014, /intents/],
  ])(
    'exits 1 with one clear line when the Gateway closes with %i',
    async (code, said) => {
      fake = await FakeDiscord.start();
      fake.gateway.refuseNextIdentify(code);
      // Only errors: the sample configuration's warnings are not what this is about.
      const { exited } = emceeStart(fake, 'error');
      const result = await exited();
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(said);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    PROCESS_WAIT_MS + 5_000,
  );

  it(
    'exits 1 with one clear line when Discord drops the connection for good while running (token reset)',
    async () => {
      fake = await FakeDiscord.start();
      const { exited, said } = emceeStart(fake, 'info');
      await said('connected to Discord');
      fake.gateway.close(4004);
      const result = await exited();
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n').at(-1)).toMatch(/DISCORD_TOKEN/);
    },
    PROCESS_WAIT_MS + 5_000,
  );

  it(
    'answers /agenda now at EMCEE_NOW, a wall-clock time read in the community’s zone',
    async () => {
      fake = await FakeDiscord.start();
      const configDir = configFor(fake);
      const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, EMCEE_CONFIG: configDir };
      expect(await deployCommands([], { env, out: () => {}, err: () => {} })).toBe(0);
      const { stop, said } = emceeStart(fake, 'info', { EMCEE_NOW: '2019-09-18T19:35' }, configDir);
      await said('connected to Discord');
      const response = await fake.slashCommand({ name: 'agenda', options: { event: 'now' } }).response();
      // 19:35 in Paris: the 19:30 talk is on (read in UTC, it would be 21:35 and the evening over).
      expect(JSON.stringify(response)).toContain('Adopter une posture de SRE');
      expect(await stop()).toBe(0);
    },
    PROCESS_WAIT_MS + 5_000,
  );

  it(
    'closes the Gateway connection and exits 0 on SIGTERM',
    async () => {
      fake = await FakeDiscord.start();
      const { stop, said } = emceeStart(fake, 'info');
      await said('connected to Discord');
      expect(await stop()).toBe(0);
      expect((await fake.gateway.closes.find()).closedWith?.by).toBe('client');
    },
    PROCESS_WAIT_MS + 5_000,
  );
});

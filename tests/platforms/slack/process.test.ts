/**
 * `emcee start` as a child process with Slack tokens set: Slack alone over HTTP, and Slack in
 * Socket Mode with Discord in the same process, a meetup reminder reaching both.
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, withTimeout } from '../../fakes/discord/index.ts';
import { FakeSlack, postCommand } from '../../fakes/slack/index.ts';
import { configFor } from '../discord/harness.ts';
import { deployCommands } from '../../../src/cli/deployCommands.ts';
import { EmceeProcess, stopAll } from '../../support/emceeProcess.ts';
import { blockText, SECRET, slackConfig } from './support.ts';

const WAIT_MS = 40_000;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await stopAll();
  await slack?.close();
  await discord?.stop();
  slack = discord = undefined;
});

/** `emcee start` on `configDir` with these platform tokens; its log (stderr) read as it comes. */
function emceeStart(configDir: string, env: Record<string, string>) {
  const bot = new EmceeProcess(['start', '--config', configDir], {
    env: { STORE_URL: 'memory://', EMCEE_LOG_LEVEL: 'info', ...env },
  });
  const said = (text: string) => bot.waitFor(() => bot.stderr.includes(text), `"${text}" in the log`, WAIT_MS);
  const exited = () =>
    withTimeout(bot.exited, WAIT_MS, 'emcee start to exit').then((code) => ({ code, stderr: () => bot.stderr }));
  return { said, exited, stop: () => bot.stop() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('emcee start on Slack, as a process', () => {
  it(
    'serves signed /agenda over HTTP on PORT, and exits 0 on SIGTERM',
    async () => {
      slack = await FakeSlack.start();
      const port = await freePort();
      const bot = emceeStart(slackConfig(slack.workspace.teamId), {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        EMCEE_NOW: '2019-09-01T12:00',
      });
      await bot.said('connected to Slack');
      const answer = await postCommand(
        `http://127.0.0.1:${port}/slack/events`,
        slack.slashCommand({ command: '/agenda', text: '4' }),
        { secret: SECRET },
      );
      expect(answer.status).toBe(200);
      expect(blockText(answer.json)).toContain('Elastic Pod Controller');
      // The operator's endpoint shares Slack's port.
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      expect(await bot.stop()).toBe(0);
    },
    WAIT_MS + 10_000,
  );

  it(
    'exits 1 with one clear line when Slack refuses the bot token',
    async () => {
      slack = await FakeSlack.start();
      const bot = emceeStart(slackConfig(slack.workspace.teamId), {
        SLACK_BOT_TOKEN: 'xoxb-wrong',
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        EMCEE_LOG_LEVEL: 'error',
      });
      const result = await bot.exited();
      expect(result.code).toBe(1);
      const lines = result.stderr().trim().split('\n');
      expect(lines, result.stderr()).toHaveLength(1);
      expect(lines[0]).toMatch(/SLACK_BOT_TOKEN/);
    },
    WAIT_MS + 10_000,
  );

  it(
    'runs Slack (Socket Mode) and Discord in one process, and a meetup reminder reaches both',
    async () => {
      slack = await FakeSlack.start();
      discord = await FakeDiscord.start();
      const announcements = discord.world.addChannel(discord.guild, 'annonces');
      discord.world.addChannel(discord.guild, 'organisateurs');
      const configDir = configFor(discord);
      appendFileSync(
        path.join(configDir, 'communities', 'sre-paris.yaml'),
        `\nslack:\n  teamId: ${slack.workspace.teamId}\n  channels: { announcements: C0ANNOUNCE }\n`,
      );
      // The clock starts 20 s before the one-hour reminder of meetup #4 and runs on.
      const bot = emceeStart(configDir, {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        EMCEE_NOW: '2019-09-18T17:59:40',
      });
      await bot.said('connected to Discord');
      await bot.said('connected to Slack');
      const onSlack = await slack.waitForCall('chat.postMessage', {
        match: (c) => c.args.channel === 'C0ANNOUNCE',
        timeoutMs: WAIT_MS,
      });
      expect(blockText(onSlack.args)).toContain('#4 Site Reliability Engineering');
      const onDiscord = await discord.messages.posted.find((item) => item.channelId === announcements.id, WAIT_MS);
      expect(JSON.stringify(onDiscord)).toContain('#4 Site Reliability Engineering');
      expect(await bot.stop()).toBe(0);
    },
    WAIT_MS * 2,
  );

  it(
    'tells a speaker who proposed on Discord, on Discord, when an organiser accepts from Slack',
    async () => {
      slack = await FakeSlack.start();
      discord = await FakeDiscord.start();
      const configDir = configFor(discord);
      appendFileSync(
        path.join(configDir, 'communities', 'sre-paris.yaml'),
        `\nslack:\n  teamId: ${slack.workspace.teamId}\n  organisers: [U0ORG]\n`,
      );
      const env = { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, EMCEE_CONFIG: configDir };
      expect(await deployCommands([], { env, out: () => {}, err: () => {} })).toBe(0);
      const bot = emceeStart(configDir, {
        ...env,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
      });
      await bot.said('connected to Discord');
      await bot.said('connected to Slack');
      const opened = discord.slashCommand({ name: 'propose', subcommand: 'new' });
      await opened.modal(WAIT_MS);
      const title = 'Chaos on two platforms';
      await (
        await discord.submitModal(opened, { title, abstract: 'One bot, two chats.', duration: ['5'] }, WAIT_MS)
      ).response(WAIT_MS);

      await slack.sendCommand({ command: '/proposals', text: 'accept 1', user_id: 'U0ORG' });
      const dm = await discord.messages.posted.find(
        (posted) => discord!.world.dmChannel(posted.channelId) !== undefined,
        WAIT_MS,
      );
      expect(discord.world.dmChannel(dm.channelId)?.recipients?.[0]?.id).toBe(discord.member.id);
      expect(JSON.stringify(dm.body)).toContain(title);
      expect(await bot.stop()).toBe(0);
    },
    WAIT_MS * 2,
  );
});

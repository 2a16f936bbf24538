/**
 * One bot measured by bench/discord.ts, in a process of its own: emcee (the real entry point,
 * runDiscord) or the minimal discord.js bot. Every bot gets the same layout (its own process, its
 * own fake), and its CPU time can be read apart from the others'. Driven over IPC.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type InteractionReplyOptions } from 'discord.js';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { runDiscord } from '../src/platforms/discord/run.ts';
import { memoryStore } from '../src/store/memoryStore.ts';

/** One fake Discord of bench/discordFake.ts, and the bot that talks to it. */
export interface Lane {
  apiUrl: string;
  token: string;
  guildId: string;
}

export type BotRequest =
  | {
      kind: 'start';
      lane: Lane;
      bot: { kind: 'emcee'; configDir: string } | { kind: 'minimal'; answer: string | InteractionReplyOptions };
    }
  | { kind: 'cpu' }
  | { kind: 'stop' };
export type BotReport = { kind: 'ready' } | { kind: 'cpu'; micros: number };

const send = (report: BotReport) => process.send?.(report);
let stop: (() => Promise<unknown>) | undefined;

async function start(request: Extract<BotRequest, { kind: 'start' }>): Promise<void> {
  const { lane, bot } = request;
  if (bot.kind === 'emcee') {
    const running = await runDiscord({
      token: lane.token,
      apiUrl: lane.apiUrl,
      configDir: bot.configDir,
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      scheduler: false,
    });
    stop = () => running.stop();
  } else {
    stop = await minimalBot(lane, bot.answer);
  }
  send({ kind: 'ready' });
}

/** The baseline: the discord.js guide's smallest bot, one fixed answer for any slash command. */
async function minimalBot(lane: Lane, answer: string | InteractionReplyOptions): Promise<() => Promise<void>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: lane.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply(answer).catch(() => {});
  });
  const ready = once(client, Events.ClientReady);
  await client.login(lane.token);
  await ready;
  return () => client.destroy();
}

process.on('message', (request: BotRequest) => {
  if (request.kind === 'start') void start(request);
  else if (request.kind === 'cpu') {
    const { user, system } = process.cpuUsage();
    send({ kind: 'cpu', micros: user + system });
  } else void (stop?.() ?? Promise.resolve()).finally(() => process.exit(0));
});

/**
 * One bot measured by bench/discord.ts, in a process of its own: emcee (the real entry point,
 * runDiscord) or the minimal discord.js bot. Every bot gets the same layout (its own process, its
 * own fake), and its CPU time can be read apart from the others'. Driven over IPC.
 */
import { once } from 'node:events';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
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
/** Garbage collections since the bot started: young-generation scavenges apart, as they set the p99. */
export interface GcFigures {
  scavenges: number;
  scavengeMs: number;
  maxScavengeMs: number;
  others: number;
  otherMs: number;
}
export type BotReport = { kind: 'ready' } | { kind: 'cpu'; micros: number; gc: GcFigures };

const gc: GcFigures = { scavenges: 0, scavengeMs: 0, maxScavengeMs: 0, others: 0, otherMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.scavenges++;
      gc.scavengeMs += entry.duration;
      gc.maxScavengeMs = Math.max(gc.maxScavengeMs, entry.duration);
    } else {
      gc.others++;
      gc.otherMs += entry.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

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
    send({ kind: 'cpu', micros: user + system, gc: { ...gc } });
  } else void (stop?.() ?? Promise.resolve()).finally(() => process.exit(0));
});

/**
 * Discord: interaction → callback latency (p50, p99) and throughput of `/agenda 4` answered by
 * emcee (the real entry point, runDiscord), against a minimal discord.js bot that replies a fixed
 * string, measured in the same run. Goal: emcee's p50 and p99 within 1.2× of the minimal bot's,
 * each read as the median over rounds of the ratio within a round.
 * The same minimal bot sending emcee's own message is measured too, to tell the message's cost
 * from emcee's work.
 *
 * Every bot runs in a process of its own against a fake Discord of its own, the fakes together in
 * one child process that sends the interactions to the bots in turn (bench/discordFake.ts): the
 * bots are compared at the same moments of a machine whose load drifts. CPU time per interaction,
 * read from each bot's process, is shown beside the latencies: it does not depend on that load.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import { createApp } from '../src/app.ts';
import { deployCommands } from '../src/cli/deployCommands.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { renderForDiscord } from '../src/platforms/discord/render.ts';
import { memoryStore } from '../src/store/memoryStore.ts';
import type { BotReport, BotRequest, GcFigures, Lane } from './discordBot.ts';
import type { FakeReport, FakeRequest, LaneFigures } from './discordFake.ts';
import { percentile, type BenchRow } from './stats.ts';

const MEASURE = {
  kind: 'measure',
  latencyRuns: 1_000,
  warmup: 100,
  throughputRuns: 400,
  concurrency: 20,
} as const satisfies FakeRequest;
const PER_ROUND = MEASURE.warmup + MEASURE.latencyRuns + MEASURE.throughputRuns;
/**
 * Rounds, each a ratio of its own: one stall of the machine moves one round's p99 (its 10th-slowest
 * interaction), so the goal is read on the median of the rounds' ratios, as bench/slack.ts does.
 * A round's p99 lies in a population of stalls that every bot has, identical ones too: from p97 to
 * p99 the latencies jump from about 3 ms to about 9 ms, and two copies of the minimal bot
 * (`BENCH_DISCORD_CALIBRATE=1`) gave round ratios from 0.51× to 2.21× around a median of 0.99×.
 * Twenty-five rounds rather than nine narrow the median's spread from one run to the next.
 */
const ROUNDS = 25;
/**
 * `BENCH_DISCORD_CALIBRATE=1`: a second copy of the minimal bot in emcee's place, so the ratios
 * show how far two identical bots fall apart on this machine (the measure's own noise).
 */
const CALIBRATE = process.env.BENCH_DISCORD_CALIBRATE === '1';
const GOAL_RATIO = 1.2;

type Ready = Extract<FakeReport, { kind: 'ready' }>;
type Measured = Extract<FakeReport, { kind: 'measured' }>;
/** One bot's figures over the run: its lane's, pooled, and its CPU time per interaction. */
interface Pooled extends LaneFigures {
  cpuMicros: number;
  gc: GcFigures;
}
type Usage = Omit<Extract<BotReport, { kind: 'cpu' }>, 'kind'>;

const BOTS = ['baseline', 'emcee', 'payload'] as const;

/**
 * How the bots run. By default as emcee runs in production (`dist/`, plain node) and as a minimal
 * bot is written (JavaScript): the harness and the sources it imports compiled by tsc
 * (bench/tsconfig.bots.json → dist/bench-bots), run by node with no loader. `BENCH_DISCORD_BOTS=sources`
 * runs them through tsx instead: then every `require` discord.js makes while answering goes through
 * tsx's resolver as well, the same cost added to both bots, which flatters the ratio.
 */
const BOTS_RUN: 'compiled' | 'sources' = process.env.BENCH_DISCORD_BOTS === 'sources' ? 'sources' : 'compiled';
const COMPILED_BOTS = 'dist/bench-bots';

export async function benchDiscord(): Promise<BenchRow[]> {
  const entry = botEntry();
  console.log(
    `  (bots ${BOTS_RUN === 'compiled' ? `compiled by tsc into ${COMPILED_BOTS}, run by node without a loader` : 'run from the TypeScript sources through tsx'})`,
  );
  const fake = fork(path.resolve('bench/discordFake.ts'), [String(BOTS.length)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const bots: ChildProcess[] = [];
  const configDirs: string[] = [];
  try {
    const { lanes } = await nextReport<Ready>(fake);
    for (const lane of lanes) configDirs.push(await deployedConfig(lane));
    const sameMessage = await emceeAnswer(configDirs[0]!);
    const starts: Array<Extract<BotRequest, { kind: 'start' }>['bot']> = [
      { kind: 'minimal', answer: 'The next meetup: #4' },
      CALIBRATE ? { kind: 'minimal', answer: 'The next meetup: #4' } : { kind: 'emcee', configDir: configDirs[1]! },
      { kind: 'minimal', answer: sameMessage },
    ];
    for (const [index, bot] of starts.entries()) bots.push(await startBot(entry, lanes[index]!, bot));
    const rounds: Array<{ measured: Measured; usage: Usage[] }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await Promise.all(bots.map(cpuOf));
      fake.send(MEASURE satisfies FakeRequest);
      const measured = await nextReport<Measured>(fake);
      const after = await Promise.all(bots.map(cpuOf));
      const failed = measured.lanes.reduce((sum, lane) => sum + lane.failures, 0);
      if (failed > 0) throw new Error(`${failed} interactions were not answered`);
      rounds.push({ measured, usage: after.map((usage, bot) => usedBetween(before[bot]!, usage)) });
    }
    const perRound = (bot: number): Pooled[] =>
      rounds.map((r) => ({
        ...r.measured.lanes[bot]!,
        cpuMicros: r.usage[bot]!.micros / PER_ROUND,
        gc: r.usage[bot]!.gc,
      }));
    const [baseline, emcee, payload] = BOTS.map((_, bot) => perRound(bot));
    return rows(emcee!, baseline!, payload!);
  } finally {
    await Promise.all(bots.map(stopChild));
    await stopChild(fake);
    for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The sample configuration on the lane's guild, its commands registered there as `emcee deploy-commands` does. */
async function deployedConfig(lane: Lane): Promise<string> {
  const configDir = configFor(lane.guildId);
  const env = { DISCORD_TOKEN: lane.token, DISCORD_API_URL: lane.apiUrl, EMCEE_CONFIG: configDir };
  if ((await deployCommands([], { env, out: () => {}, err: (line) => console.error(line) })) !== 0)
    throw new Error('deploy-commands failed');
  return configDir;
}

/**
 * What emcee answers to `/agenda 4`, rendered once: a minimal bot replying it measures what the
 * message's size costs (discord.js, HTTP, Discord), apart from emcee's own work.
 */
async function emceeAnswer(configDir: string): Promise<InteractionReplyOptions> {
  const app = await createApp({
    configDir,
    clock: systemClock,
    logger: silentLogger,
    store: memoryStore(),
    poster: () => ({ post: async () => {}, dm: async () => {} }),
  });
  try {
    const outcome = await app.bot.handle({
      communityId: 'sre-paris',
      platform: 'discord',
      channelId: 'c',
      member: { id: 'm', displayName: 'm', roles: [] },
      command: 'agenda',
      input: { kind: 'typed', options: { event: '4' } },
    });
    if (outcome.kind !== 'reply') throw new Error('/agenda 4 did not answer with a reply');
    const [message] = renderForDiscord(outcome, { buttonId: () => '' });
    return { ...message!, flags: MessageFlags.Ephemeral };
  } finally {
    await app.close();
  }
}

/** The bot harness to fork, compiled first unless the bots run from the sources. */
function botEntry(): { module: string; execArgv: string[] } {
  if (BOTS_RUN === 'sources') return { module: path.resolve('bench/discordBot.ts'), execArgv: ['--import', 'tsx'] };
  rmSync(COMPILED_BOTS, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'bench/tsconfig.bots.json'], { stdio: 'inherit' });
  return { module: path.resolve(COMPILED_BOTS, 'bench/discordBot.js'), execArgv: [] };
}

async function startBot(
  entry: { module: string; execArgv: string[] },
  lane: Lane,
  bot: Extract<BotRequest, { kind: 'start' }>['bot'],
): Promise<ChildProcess> {
  const child = fork(entry.module, {
    execArgv: [...entry.execArgv, ...profiled()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send({ kind: 'start', lane, bot } satisfies BotRequest);
  await nextReport<BotReport>(child);
  return child;
}

/** `BENCH_CPU_PROF=dir`: each bot writes a V8 CPU profile there (`node --cpu-prof`, a sample every 250 µs), to read where its time goes. */
function profiled(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'] : [];
}

async function cpuOf(bot: ChildProcess): Promise<Usage> {
  bot.send({ kind: 'cpu' } satisfies BotRequest);
  const { micros, gc } = (await nextReport<BotReport>(bot)) as Extract<BotReport, { kind: 'cpu' }>;
  return { micros, gc };
}

/** What a bot used during a round: its CPU time and its collections (max: of the whole run so far). */
function usedBetween(before: Usage, after: Usage): Usage {
  const gc = {
    scavenges: after.gc.scavenges - before.gc.scavenges,
    scavengeMs: after.gc.scavengeMs - before.gc.scavengeMs,
    maxScavengeMs: after.gc.maxScavengeMs,
    others: after.gc.others - before.gc.others,
    otherMs: after.gc.otherMs - before.gc.otherMs,
  };
  return { micros: after.micros - before.micros, gc };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.send({ kind: 'stop' } satisfies BotRequest & FakeRequest);
  await exited;
}

function pooled(rounds: Pooled[]): Pooled {
  const latencies = rounds.flatMap((m) => m.latencies).sort((a, b) => a - b);
  const sum = (of: (m: Pooled) => number) => rounds.reduce((total, m) => total + of(m), 0);
  const mean = (of: (m: Pooled) => number) => sum(of) / rounds.length;
  return {
    latencies,
    throughputPerSecond: mean((m) => m.throughputPerSecond),
    cpuMicros: mean((m) => m.cpuMicros),
    failures: sum((m) => m.failures),
    gc: {
      scavenges: sum((m) => m.gc.scavenges),
      scavengeMs: sum((m) => m.gc.scavengeMs),
      maxScavengeMs: Math.max(...rounds.map((m) => m.gc.maxScavengeMs)),
      others: sum((m) => m.gc.others),
      otherMs: sum((m) => m.gc.otherMs),
    },
  };
}

const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * The goal rows: for each round, emcee's percentile ÷ the minimal bot's in that round (the bots
 * were measured at the same moments); the median of those ratios is the figure held to the goal.
 * The latencies shown are those of all rounds pooled.
 */
function rows(emceeRounds: Pooled[], baselineRounds: Pooled[], payloadRounds: Pooled[]): BenchRow[] {
  const [emcee, baseline, payload] = [pooled(emceeRounds), pooled(baselineRounds), pooled(payloadRounds)];
  const row = (p: number): BenchRow => {
    const ratios = emceeRounds.map(
      (round, i) => percentile(round.latencies, p) / percentile(baselineRounds[i]!.latencies, p),
    );
    const ratio = median(ratios);
    const shown = ratios.map((r) => `${r.toFixed(2)}×`).join(', ');
    return {
      name: `/agenda 4 interaction → callback, p${p}; ${ratio.toFixed(2)}× the minimal bot's, median of the rounds' ${shown}`,
      value: percentile(emcee.latencies, p),
      unit: 'ms',
      goal: `≤ ${GOAL_RATIO}× the minimal bot (median of ${ROUNDS} rounds)`,
      met: ratio <= GOAL_RATIO,
      baseline: {
        name: `minimal discord.js bot, fixed string, p${p}, rounds pooled`,
        value: percentile(baseline.latencies, p),
      },
    };
  };
  // Not a goal: the same minimal bot sending emcee's message, so the gap left is emcee's own work.
  const samePayload = (p: number): BenchRow => ({
    name: `/agenda 4 interaction → callback, p${p}, against a minimal bot sending the same message`,
    value: percentile(emcee.latencies, p),
    unit: 'ms',
    baseline: { name: `minimal bot, emcee's /agenda 4 message, p${p}`, value: percentile(payload.latencies, p) },
  });
  return [
    row(50),
    row(99),
    samePayload(50),
    samePayload(99),
    // Higher is better here: shown as the time one interaction takes at that rate, so the table stays lower-is-better.
    {
      name: `time per interaction at ${MEASURE.concurrency} in flight (${emcee.throughputPerSecond.toFixed(0)}/s)`,
      value: 1000 / emcee.throughputPerSecond,
      unit: 'ms',
      baseline: {
        name: `minimal bot (${baseline.throughputPerSecond.toFixed(0)}/s)`,
        value: 1000 / baseline.throughputPerSecond,
      },
    },
    // Not a goal: the bot process's CPU time per interaction, which the machine's load does not skew.
    {
      name: 'bot CPU time per interaction',
      value: emcee.cpuMicros / 1000,
      unit: 'ms',
      baseline: { name: 'minimal bot, fixed string', value: baseline.cpuMicros / 1000 },
    },
    // Not a goal: how often a young-generation collection pauses the bot, and for how long on average.
    scavengeRow(emcee, baseline, 'minimal bot, fixed string'),
    scavengeRow(emcee, payload, "minimal bot, emcee's /agenda 4 message"),
    {
      name: 'bot CPU time per interaction, against a minimal bot sending the same message',
      value: emcee.cpuMicros / 1000,
      unit: 'ms',
      baseline: { name: "minimal bot, emcee's /agenda 4 message", value: payload.cpuMicros / 1000 },
    },
  ];
}

/** Scavenges per 1,000 interactions; their mean pause is in the name, as a row holds one figure. */
function scavengeRow(emcee: Pooled, other: Pooled, otherName: string): BenchRow {
  const perThousand = (p: Pooled) => (p.gc.scavenges / (ROUNDS * PER_ROUND)) * 1000;
  const pause = (p: Pooled) =>
    `${(p.gc.scavengeMs / Math.max(1, p.gc.scavenges)).toFixed(1)} ms mean, ${p.gc.maxScavengeMs.toFixed(1)} ms max; ` +
    `${p.gc.others} other collections, ${p.gc.otherMs.toFixed(0)} ms in all`;
  return {
    name: `young-generation collections per 1,000 interactions (emcee ${pause(emcee)})`,
    value: perThousand(emcee),
    unit: '',
    baseline: { name: `${otherName} (${pause(other)})`, value: perThousand(other) },
  };
}

function nextReport<R = FakeReport>(child: ChildProcess): Promise<R> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onReport);
      child.off('exit', onExit);
    };
    const onReport = (report: R) => (done(), resolve(report));
    const onExit = (code: number | null) => (done(), reject(new Error(`a bench child process exited with ${code}`)));
    const timer = setTimeout(
      () => (done(), reject(new Error('a bench child process did not report within 120 s'))),
      120_000,
    );
    child.on('message', onReport);
    child.on('exit', onExit);
  });
}

/** The sample configuration, its community on the fake's guild. */
function configFor(guildId: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-bench-discord-'));
  cpSync(path.resolve('config'), dir, { recursive: true });
  const file = path.join(dir, 'communities', 'sre-paris.yaml');
  writeFileSync(
    file,
    `${readFileSync(file, 'utf8')}\ndiscord:\n  guildId: "${guildId}"\n  channels: { announcements: annonces }\n`,
  );
  return dir;
}

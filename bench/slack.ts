/**
 * `npm run bench -- slack`: signed `/agenda` slash commands through the HTTP receiver, driven by a
 * bounded load generator (autocannon, 10 connections), against the whole bot on Slack and, in the
 * same run, a Bolt app whose handler only acks. Each app runs in its own child process
 * (bench/slackApp.ts), with a fake Slack Web API beside it for `auth.test` and `users.info`.
 * A third app, the bare one acking with the bot's own answer, shows what the answer's size costs.
 * Goal: at least 0.9× the bare-ack throughput, and a p99 latency at most 1.2× the bare ack's.
 * Every app runs the same way (bench/slackApp.ts), gets the same autocannon settings and the same
 * warm-up by count; rounds interleave the apps.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { slackConfig } from '../tests/platforms/slack/support.ts';
import { SLACK_BENCH_SECRET as SECRET, type Kind } from './slackApp.ts';
import type { BenchRow } from './stats.ts';

const DURATION_S = 5;
/** Warm-up by count, not duration: on a busy machine a 2 s warm-up gave the bot (much more code to compile) fewer requests than the bare app. */
const WARMUP_REQUESTS = 3_000;
const ROUNDS = 3;
const CONNECTIONS = 10;
const HERE = path.dirname(fileURLToPath(import.meta.url));

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  errors: number;
  non2xx: number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/** One app under load: requests per second, p99 latency (ms), and the app's CPU time per request (µs). */
type Measured = { rps: number; p99: number; failed: number; cpuUs: number };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const typical = (runs: Measured[]): Measured => ({
  rps: median(runs.map((r) => r.rps)),
  p99: median(runs.map((r) => r.p99)),
  failed: runs.reduce((sum, r) => sum + r.failed, 0),
  cpuUs: median(runs.map((r) => r.cpuUs)),
});

/** The median over rounds of ours ÷ the baseline measured beside it in the same round. */
const pairedRatio = (ours: Measured[], baseline: Measured[], of: (m: Measured) => number): number =>
  median(ours.map((run, round) => of(run) / of(baseline[round]!)));

/** The child's CPU time so far (user + system, µs), asked over IPC. */
async function cpuOf(child: ChildProcess): Promise<number> {
  const answer = once(child, 'message') as Promise<[NodeJS.CpuUsage]>;
  child.send('cpu');
  const [usage] = await answer;
  return usage.user + usage.system;
}

/**
 * How the apps run. By default as emcee runs in production: the app harness and the sources it
 * imports compiled by tsc (bench/tsconfig.slackApps.json → dist/bench-slack), run by node with no
 * loader, the bare apps alike (Bolt is JavaScript either way). `BENCH_SLACK_APPS=sources` runs them
 * through tsx instead, which adds its loader's cost to the bot's own code only.
 */
const APPS_RUN: 'compiled' | 'sources' = process.env.BENCH_SLACK_APPS === 'sources' ? 'sources' : 'compiled';
const COMPILED_APPS = 'dist/bench-slack';

/** The app harness to spawn, compiled first unless the apps run from the sources. */
function appEntry(): { module: string; execArgv: string[] } {
  if (APPS_RUN === 'sources') return { module: path.join(HERE, 'slackApp.ts'), execArgv: ['--import', 'tsx'] };
  rmSync(COMPILED_APPS, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(HERE, 'tsconfig.slackApps.json')], { stdio: 'inherit' });
  return { module: path.resolve(COMPILED_APPS, 'bench/slackApp.js'), execArgv: [] };
}

/** `BENCH_CPU_PROF=dir`: each app writes a V8 CPU profile there (`node --cpu-prof`, a sample every 250 µs). */
function profiled(): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'] : [];
}

/**
 * `full`: the whole bot; `bare`: a Bolt app whose handler only acks (the goal's baseline); `sized`:
 * the same bare app acking with the bot's own answer (`answer`), which tells what answering with a
 * programme costs Bolt and HTTP whatever the bot does.
 */
async function measure(
  entry: { module: string; execArgv: string[] },
  configDir: string,
  kind: Kind,
  answer?: string,
): Promise<Measured & { answer?: string }> {
  const env = {
    ...process.env,
    BENCH_SLACK_CONFIG: configDir,
    ...(answer ? { BENCH_SLACK_ANSWER: answer } : {}),
  };
  const child = spawn(process.execPath, [...entry.execArgv, ...profiled(), entry.module, kind], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env,
  });
  try {
    const port = await portOf(child);
    const request = signedCommand(SECRET, { command: '/agenda', text: '4' });
    const url = `http://127.0.0.1:${port}/slack/events`;
    const sample =
      kind === 'full'
        ? await (await fetch(url, { method: 'POST', headers: request.headers, body: request.body })).text()
        : undefined;
    // Warm-up (JIT, caches), then the measured run.
    await autocannon({
      url,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      connections: CONNECTIONS,
      amount: WARMUP_REQUESTS,
    });
    const cpuBefore = await cpuOf(child);
    const result = await autocannon({
      url,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    // CPU time per request moves less than requests per second with the machine's other load (both still do).
    const cpuUs = ((await cpuOf(child)) - cpuBefore) / result.requests.total;
    return {
      rps: result.requests.average,
      p99: result.latency.p99,
      failed: result.errors + result.non2xx,
      cpuUs,
      answer: sample,
    };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

async function portOf(child: ChildProcess): Promise<number> {
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const match = /listening (\d+)/.exec(out);
    if (match) return Number(match[1]);
  }
  throw new Error(`the bench app exited before listening: ${out}`);
}

export async function benchSlack(): Promise<BenchRow[]> {
  const entry = appEntry();
  console.log(
    `  (apps ${APPS_RUN === 'compiled' ? `compiled by tsc into ${COMPILED_APPS}, run by node without a loader` : 'run from the TypeScript sources through tsx'})`,
  );
  // The fake workspace's team (tests/fakes/slack), the community the signed commands come from.
  const configDir = slackConfig('T0FAKE');
  // Interleaved rounds, the order turned each round, each ratio taken within its round and the
  // median kept: the machine's other load then weighs on both sides alike.
  const bares: Measured[] = [];
  const fulls: Measured[] = [];
  const sizeds: Measured[] = [];
  let answer = '';
  for (let round = 0; round < ROUNDS; round++) {
    const full = async () => {
      const measured = await measure(entry, configDir, 'full');
      fulls.push(measured);
      answer = measured.answer ?? answer;
    };
    if (round % 2 === 0) {
      bares.push(await measure(entry, configDir, 'bare'));
      await full();
    } else {
      await full();
      bares.push(await measure(entry, configDir, 'bare'));
    }
    sizeds.push(await measure(entry, configDir, 'sized', answer));
  }
  const bare = typical(bares);
  const full = typical(fulls);
  const sized = typical(sizeds);
  const throughput = pairedRatio(fulls, bares, (m) => m.rps);
  const tail = pairedRatio(fulls, bares, (m) => m.p99);
  const rounds = fulls.map((run, round) => `${(run.rps / bares[round]!.rps).toFixed(2)}×`).join(', ');
  return [
    {
      name: `signed /agenda over HTTP, ${CONNECTIONS} connections, medians of ${ROUNDS} rounds (${full.failed} failed); throughput ${throughput.toFixed(2)}× the bare ack's, median of the rounds' ${rounds}`,
      value: 1000 / full.rps,
      unit: 'ms/request',
      goal: '≥ 0.9× the bare-ack throughput',
      met: throughput >= 0.9 && full.failed === 0,
      baseline: { name: 'Bolt bare ack', value: 1000 / bare.rps },
    },
    {
      name: `p99 latency (${full.rps.toFixed(0)} vs ${bare.rps.toFixed(0)} requests/s); ${tail.toFixed(2)}× the bare ack's, median of the rounds`,
      value: full.p99,
      unit: 'ms',
      goal: '≤ 1.2× the bare-ack p99',
      met: tail <= 1.2,
      baseline: { name: 'Bolt bare ack', value: bare.p99 },
    },
    {
      name: "app process CPU time per request (user + system, less swayed by the machine's load)",
      value: full.cpuUs,
      unit: 'µs/request',
      baseline: { name: 'Bolt bare ack', value: bare.cpuUs },
    },
    {
      name: `the same, against a bare Bolt app acking with the bot's own ${answer.length}-byte answer (${sized.rps.toFixed(0)} requests/s)`,
      value: full.cpuUs,
      unit: 'µs/request',
      baseline: { name: 'Bolt ack of that answer', value: sized.cpuUs },
    },
  ];
}

/** A slash command as Slack sends it over HTTP, signed now: headers and form body for a load generator. */
function signedCommand(
  secret: string,
  fields: { command: string; text: string },
): { headers: Record<string, string>; body: string } {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake-meetup',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0MEMBER',
    user_name: 'member',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/bench',
    trigger_id: 'bench.trigger',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  };
}

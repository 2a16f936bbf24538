/**
 * The fake Discord in its own process for bench/discord.ts, so that no bot measured shares its
 * event loop with the "Discord" it talks to. One fake per bot measured ("lanes", all in this
 * process), driven over IPC: it sends `/agenda 4` interactions and times each one from dispatch to
 * the bot's callback.
 *
 * Lanes are measured interleaved, one interaction each in turn: on a shared machine the load drifts
 * by the second, and bots measured one after the other would be compared across different loads
 * (a median could move 3× between two runs of the same bot). Taking turns, every bot sees the
 * same moments.
 */
import { performance } from 'node:perf_hooks';
import { FakeDiscord } from '../tests/fakes/discord/server.ts';
import type { Lane } from './discordBot.ts';

export type FakeRequest =
  | { kind: 'measure'; latencyRuns: number; warmup: number; throughputRuns: number; concurrency: number }
  | { kind: 'stop' };
export interface LaneFigures {
  /** Sorted, in ms. */
  latencies: number[];
  throughputPerSecond: number;
  failures: number;
}
export type FakeReport = { kind: 'ready'; lanes: Lane[] } | { kind: 'measured'; lanes: LaneFigures[] };

/** Slices of the throughput phase: each lane runs one slice in turn, so they share the machine's moments too. */
const THROUGHPUT_SLICES = 10;

const count = Number(process.argv[2] ?? 1);
const fakes = await Promise.all(Array.from({ length: count }, () => FakeDiscord.start()));
for (const fake of fakes) fake.world.addChannel(fake.guild, 'annonces');
const send = (report: FakeReport) => process.send?.(report);

/** One `/agenda 4`, timed from the Gateway dispatch to the callback the bot posted. */
async function once(fake: FakeDiscord): Promise<number> {
  const start = performance.now();
  await fake.slashCommand({ name: 'agenda', options: { event: '4' } }).response(10_000);
  return performance.now() - start;
}

async function measure(request: Extract<FakeRequest, { kind: 'measure' }>): Promise<void> {
  const failures = fakes.map(() => 0);
  const latencies: number[][] = fakes.map(() => []);
  const timed = (lane: number) => once(fakes[lane]!).catch(() => (failures[lane]!++, Number.NaN));
  // Each turn starts with another lane, so no bot always follows the same one.
  const turn = (i: number) => fakes.map((_, k) => (i + k) % fakes.length);
  for (let i = 0; i < request.warmup; i++) for (const lane of turn(i)) await timed(lane);
  for (let i = 0; i < request.latencyRuns; i++) for (const lane of turn(i)) latencies[lane]!.push(await timed(lane));
  const busy = fakes.map(() => 0);
  const slice = Math.ceil(request.throughputRuns / THROUGHPUT_SLICES);
  for (let i = 0; i < THROUGHPUT_SLICES; i++)
    for (const lane of turn(i)) busy[lane]! += await burst(() => timed(lane), slice, request.concurrency);
  send({
    kind: 'measured',
    lanes: fakes.map((_, lane) => ({
      latencies: latencies[lane]!.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b),
      throughputPerSecond: ((slice * THROUGHPUT_SLICES) / busy[lane]!) * 1000,
      failures: failures[lane]!,
    })),
  });
}

/** `runs` interactions, `concurrency` at a time; returns the ms it took. */
async function burst(timed: () => Promise<number>, runs: number, concurrency: number): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < runs) {
      next++;
      await timed();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - start;
}

process.on('message', (request: FakeRequest) => {
  if (request.kind === 'stop') void Promise.all(fakes.map((fake) => fake.stop())).then(() => process.exit(0));
  else void measure(request);
});
send({
  kind: 'ready',
  lanes: fakes.map((fake) => ({ apiUrl: fake.apiUrl, token: fake.token, guildId: fake.guild.id })),
});

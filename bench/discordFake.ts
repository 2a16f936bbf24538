/**
 * The fake Discord in its own process for bench/discord.ts, so that the bot measured does not share
 * its event loop with the "Discord" it talks to. Driven over IPC: it sends interactions and times
 * each one from dispatch to the bot's callback.
 */
import { performance } from 'node:perf_hooks';
import { FakeDiscord } from '../tests/fakes/discord/server.ts';

export type FakeRequest = { kind: 'measure'; latencyRuns: number; warmup: number; throughputRuns: number; concurrency: number } | { kind: 'stop' };
export type FakeReport =
  | { kind: 'ready'; apiUrl: string; token: string; guildId: string }
  | { kind: 'measured'; latencies: number[]; throughputPerSecond: number; failures: number };

const fake = await FakeDiscord.start();
fake.world.addChannel(fake.guild, 'annonces');
const send = (report: FakeReport) => process.send?.(report);

/** One `/agenda 4`, timed from the Gateway dispatch to the callback the bot posted. */
async function once(): Promise<number> {
  const start = performance.now();
  await fake.slashCommand({ name: 'agenda', options: { event: '4' } }).response(10_000);
  return performance.now() - start;
}

async function measure(request: Extract<FakeRequest, { kind: 'measure' }>): Promise<void> {
  let failures = 0;
  const timed = () => once().catch(() => (failures++, Number.NaN));
  for (let i = 0; i < request.warmup; i++) await timed();
  const latencies: number[] = [];
  for (let i = 0; i < request.latencyRuns; i++) latencies.push(await timed());
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < request.throughputRuns) {
      next++;
      await timed();
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const throughputPerSecond = (request.throughputRuns / (performance.now() - start)) * 1000;
  send({ kind: 'measured', latencies: latencies.filter((ms) => !Number.isNaN(ms)).sort((a, b) => a - b), throughputPerSecond, failures });
}

process.on('message', (request: FakeRequest) => {
  if (request.kind === 'stop') void fake.stop().then(() => process.exit(0));
  else void measure(request);
});
send({ kind: 'ready', apiUrl: fake.apiUrl, token: fake.token, guildId: fake.guild.id });

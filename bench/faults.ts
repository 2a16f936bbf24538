/**
 * `npm run bench -- faults`: the faults SREs will try, with figures (README, "Operations").
 * Loopback only; each part bounded in time. Redis parts need redis-server installed.
 */
import { redisAvailable, startRedis } from '../tests/support/redisServer.ts';
import { slowRedisProposals } from '../tests/faults/slowRedisScenario.ts';
import { killNineDuringPosts, processesOnOneRedis, sqliteUrl, type PostFigures } from './faultScenarios.ts';
import { redisOutage } from './redisOutage.ts';
import type { BenchRow } from './stats.ts';

const zero = (name: string, value: number, unit = ''): BenchRow => ({ name, value, unit, goal: '0', met: value === 0 });

function postRows(label: string, figures: PostFigures): BenchRow[] {
  return [
    zero(`${label}: lost of ${figures.expected}`, figures.lost, 'posts'),
    zero(`${label}: duplicates`, figures.duplicates, 'posts'),
    ...(figures.kills ? [{ name: `${label}: kill -9`, value: figures.kills, unit: 'times' }] : []),
    { name: `${label}: time`, value: figures.seconds, unit: 's' },
  ];
}

export async function benchFaults(): Promise<BenchRow[]> {
  const only = (process.env.FAULTS ?? 'outage,kill-sqlite,kill-redis,processes,slow').split(',');
  const rows: BenchRow[] = [];
  if (only.includes('kill-sqlite'))
    rows.push(...postRows('kill -9 during 1,000 posts, SQLite', await killNineDuringPosts(sqliteUrl())));
  if (!redisAvailable())
    return [...rows, { name: 'Redis faults skipped: redis-server not installed', value: 0, unit: '' }];
  if (only.includes('outage')) {
    const outage = await redisOutage();
    rows.push(
      { name: 'Redis stopped 30 s: commands answered during the outage', value: outage.commands, unit: 'commands' },
      {
        name: 'Redis stopped 30 s: slowest answer',
        value: outage.slowestMs,
        unit: 'ms',
        goal: '< 3,000 ms',
        met: outage.slowestMs < 3_000,
      },
      zero('Redis stopped 30 s: answers other than "try again" in the member’s language', outage.unclear),
      zero('Redis stopped 30 s: /readyz polls not 503 during the outage', outage.readyDuringOutage),
      { name: 'Redis stopped 30 s: /readyz 200 again after Redis came back', value: outage.readyAfterMs, unit: 'ms' },
      {
        name: `Redis stopped 30 s: of ${outage.due} posts due meanwhile, posted once after`,
        value: outage.posted,
        unit: 'posts',
      },
      {
        name: 'Redis stopped 30 s: recorded missed (past the 15 s starting deadline)',
        value: outage.missed,
        unit: 'posts',
      },
      zero('Redis stopped 30 s: posts neither posted nor recorded missed', outage.unaccounted, 'posts'),
      zero('Redis stopped 30 s: duplicates', outage.duplicates, 'posts'),
      zero('Redis stopped 30 s: unhandled rejections', outage.unhandledRejections),
    );
  }
  const server = await startRedis();
  try {
    if (only.includes('kill-redis'))
      rows.push(...postRows('kill -9 during 1,000 posts, Redis', await killNineDuringPosts(server.url)));
    if (only.includes('processes')) {
      rows.push(...postRows('2 processes on one Redis, 1,000 occurrences', await processesOnOneRedis(server.url, 2)));
      rows.push(...postRows('3 processes on one Redis, 1,000 occurrences', await processesOnOneRedis(server.url, 3)));
    }
    if (only.includes('slow')) {
      const slow = await slowRedisProposals(server, 2_000, 3);
      rows.push(
        {
          name: 'Redis answering 2 s late: 3 members proposing at once, recorded',
          value: slow.acknowledged,
          unit: 'proposals',
        },
        { name: 'Redis answering 2 s late: told to try again', value: slow.tryAgain, unit: 'proposals' },
        zero('Redis answering 2 s late: unclear answers', slow.unclear.length),
        zero('Redis answering 2 s late: acknowledged proposals lost', slow.lost),
        { name: 'Redis answering 2 s late: slowest answer', value: slow.slowestMs, unit: 'ms' },
      );
    }
  } finally {
    await server.stop();
  }
  return rows;
}

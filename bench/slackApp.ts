/**
 * One app measured by bench/slack.ts, in a process of its own: the whole bot (`full`, runSlack), a
 * Bolt app whose handler only acks (`bare`), or that bare app acking with the bot's own answer
 * (`sized`, the answer in BENCH_SLACK_ANSWER). Each has a fake Slack Web API beside it for
 * `auth.test` and `users.info`, listens on an ephemeral port it prints (`listening <port>`), and
 * answers any IPC message with its CPU time so far. Run as node runs emcee in production: compiled
 * by tsc (bench/tsconfig.slackApps.json), no loader; or from the sources through tsx.
 */
import { App, LogLevel } from '@slack/bolt';
import { DateTime } from 'luxon';
import { fixedClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { runSlack } from '../src/platforms/slack/run.ts';
import { memoryStore } from '../src/store/memoryStore.ts';
import { FakeSlack } from '../tests/fakes/slack/index.ts';

export const SLACK_BENCH_SECRET = 'bench-signing-secret';

export type Kind = 'full' | 'bare' | 'sized';

async function serve(kind: Kind): Promise<void> {
  const fake = await FakeSlack.start();
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
  let port: number;
  if (kind !== 'full') {
    const app = new App({
      token: fake.botToken,
      signingSecret: SLACK_BENCH_SECRET,
      clientOptions,
      logLevel: LogLevel.ERROR,
    });
    // Parsed once; Bolt writes it out at each ack, as it does the bot's answer.
    const answer =
      kind === 'sized' ? (JSON.parse(process.env.BENCH_SLACK_ANSWER ?? '{}') as Record<string, unknown>) : undefined;
    app.command(/.*/, async ({ ack }) => ack(answer));
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): { port: number } };
    port = server.address().port;
  } else {
    const configDir = process.env.BENCH_SLACK_CONFIG;
    if (!configDir) throw new Error('BENCH_SLACK_CONFIG: the config folder of the fake workspace');
    const running = await runSlack({
      botToken: fake.botToken,
      signingSecret: SLACK_BENCH_SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
      configDir,
      clock: fixedClock(DateTime.fromISO('2019-09-01T12:00:00+02:00')),
      store: memoryStore(),
      scheduler: false,
    });
    port = running.adapter.port!;
  }
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.stdout.write(`listening ${port}\n`);
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
}

const kind = process.argv[2];
if (kind === 'full' || kind === 'bare' || kind === 'sized') await serve(kind);

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { clockStartingAt, fixedClock } from '../../../src/core/clock.ts';
import { createLogger, silentLogger } from '../../../src/core/logger.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';
import type { Store } from '../../../src/store/store.ts';
import { runSlack, type RunningSlack } from '../../../src/platforms/slack/run.ts';
import { FakeSlack, postCommand, postInteraction, type InteractionPayload } from '../../fakes/slack/index.ts';
import { ROOT } from '../../support/cli.ts';

export const SECRET = 'test-signing-secret';
export type Mode = 'socket' | 'http';

/** A config folder whose community is the fake workspace, with the sample events. */
export function slackConfig(teamId: string, extra = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'emcee-slack-'));
  mkdirSync(path.join(dir, 'communities'));
  const events = path.relative(dir, path.join(ROOT, 'config', 'events', 'sre-paris'));
  writeFileSync(
    path.join(dir, 'communities', 'sre-paris.yaml'),
    [
      'name: SRE Paris',
      'timezone: Europe/Paris',
      'locale: fr',
      // The console's own channel: a Slack process must leave it alone.
      'channels: { announcements: annonces }',
      `events: ${JSON.stringify(events)}`,
      'slack:',
      `  teamId: ${teamId}`,
      '  channels: { announcements: C0ANNOUNCE, organisers: C0ORGA }',
      '  organisers: [U0ORG]',
      '  organiserGroups: [S0ORGS]',
      extra,
    ].join('\n'),
  );
  return dir;
}

export interface SlackBot {
  fake: FakeSlack;
  running: RunningSlack;
  clock: ReturnType<typeof fixedClock> | ReturnType<typeof clockStartingAt>;
  mode: Mode;
  /** The app's HTTP endpoint (HTTP mode). */
  url: string;
  /** A slash command as Slack sends it in this mode; resolves with the ack body. */
  command(command: string, text?: string, user?: string): Promise<unknown>;
  /** A block action or view submission; resolves with the ack body. */
  interact(payload: InteractionPayload): Promise<unknown>;
  stop(): Promise<void>;
}

/** The whole bot on Slack (the real Bolt app) against the fake, in one mode, at a fixed time. */
export async function slackBot(
  mode: Mode,
  options: {
    now: string;
    extraConfig?: string;
    ackWithinMs?: number;
    teamId?: string;
    scheduler?: boolean;
    store?: (now: () => number) => Store;
  },
): Promise<SlackBot> {
  const fake = await FakeSlack.start();
  fake.workspace.addUser({ id: 'U0ORG', name: 'orga', locale: 'fr-FR' });
  fake.workspace.addUser({ id: 'U0GRP', name: 'grouped', locale: 'en-GB' });
  fake.workspace.usergroups.set('S0ORGS', ['U0GRP']);
  // A scheduler needs time to pass: its clock then runs on from `now`.
  const start = DateTime.fromISO(options.now, { setZone: true });
  const clock = options.scheduler ? clockStartingAt(start) : fixedClock(start);
  const running = await runSlack({
    botToken: fake.botToken,
    ...(mode === 'socket'
      ? { appToken: fake.appToken, clientPingTimeoutMs: 1_000 }
      : { signingSecret: SECRET, port: 0, host: '127.0.0.1' }),
    apiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: process.env.SLACK_TEST_LOG ? createLogger('debug') : silentLogger,
    configDir: slackConfig(options.teamId ?? fake.workspace.teamId, options.extraConfig),
    clock,
    store: (options.store ?? memoryStore)(() => clock.now().toMillis()),
    scheduler: options.scheduler ?? false,
    ...(options.ackWithinMs !== undefined ? { ackWithinMs: options.ackWithinMs } : {}),
  });
  const url = `http://127.0.0.1:${running.adapter.port ?? 0}/slack/events`;
  return {
    fake,
    running,
    clock,
    mode,
    url,
    async command(command, text = '', user = 'U0MEMBER') {
      const payload = fake.slashCommand({ command, text, user_id: user });
      if (mode === 'socket') return (await fake.socket.send('slash_commands', payload)).payload;
      const answer = await postCommand(url, payload, { secret: SECRET });
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text}`);
      return answer.json ?? {};
    },
    async interact(payload) {
      if (mode === 'socket') return (await fake.socket.send('interactive', payload)).payload;
      const answer = await postInteraction(url, payload, { secret: SECRET });
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.text}`);
      return answer.json ?? {};
    },
    async stop() {
      await running.stop();
      await fake.close();
    },
  };
}

/** The mrkdwn and plain text of an ack or message body's blocks, joined. */
export function blockText(body: unknown): string {
  const blocks = ((body as { blocks?: unknown[] }).blocks ?? []) as Array<Record<string, any>>;
  return blocks
    .flatMap((b) => [
      b.text?.text ?? '',
      ...((b.fields ?? []) as Array<{ text: string }>).map((f) => f.text),
      ...((b.elements ?? []) as Array<{ text?: { text: string } }>).map((e) => e.text?.text ?? ''),
    ])
    .join('\n');
}

/** A memory store whose reads take `delay.ms` (0 by default): a slow disk or a distant Redis. */
export function slowStore(delay: { ms: number }) {
  return (now: () => number): Store => {
    const inner = memoryStore(now);
    return new Proxy(inner, {
      get(target, property, receiver) {
        if (property !== 'namespace') return Reflect.get(target, property, receiver);
        return (name: string) => {
          const keyv = target.namespace(name);
          return new Proxy(keyv, {
            get(k, p, r) {
              const value = Reflect.get(k, p, r);
              if (p !== 'get' || typeof value !== 'function')
                return typeof value === 'function' ? value.bind(k) : value;
              return async (...args: unknown[]) => {
                if (delay.ms > 0) await new Promise((resolve) => setTimeout(resolve, delay.ms));
                return (value as (...a: unknown[]) => unknown).apply(k, args);
              };
            },
          });
        };
      },
    });
  };
}

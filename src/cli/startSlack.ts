/**
 * `emcee start` with SLACK_BOT_TOKEN: the bot on Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP
 * on PORT with SLACK_SIGNING_SECRET), and on Discord in the same process when DISCORD_TOKEN is set
 * too, both on one store, until SIGINT/SIGTERM.
 */
import { untilSignal } from '../announcements/runtime.ts';
import { createLogger } from '../core/logger.ts';
import { DiscordLoginError, runDiscord } from '../platforms/discord/run.ts';
import { SlackConfigError } from '../platforms/slack/adapter.ts';
import { platformError } from '../platforms/slack/poster.ts';
import { runSlack } from '../platforms/slack/run.ts';
import { processOps } from '../ops/ops.ts';
import { opsServerFromEnv } from '../ops/server.ts';
import { openStore } from '../store/openStore.ts';
import type { Store } from '../store/store.ts';
import { clockFromEnv } from './clock.ts';
import type { CliValues } from './main.ts';

/** Slack's settings from the environment (README, "Slack"). */
export function slackFromEnv(env: NodeJS.ProcessEnv) {
  return {
    botToken: env.SLACK_BOT_TOKEN ?? '',
    appToken: env.SLACK_APP_TOKEN || undefined,
    signingSecret: env.SLACK_SIGNING_SECRET || undefined,
    port: env.PORT ? Number(env.PORT) : 3000,
    apiUrl: env.SLACK_API_URL || undefined,
  };
}

export async function startSlack(cli: CliValues, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // EMCEE_NOW without an offset is read in the first community's zone.
  let zone = 'UTC';
  const clock = clockFromEnv(undefined, () => zone);
  const logger = createLogger('info');
  const signalled = untilSignal();
  const store = await openStore(undefined, logger);
  const common = { configDir: cli.config, clock, logger, store: keptOpen(store), loaded: (app: { communities: ReadonlyMap<string, { timezone: string }> }) => (zone = [...app.communities.values()][0]?.timezone ?? zone) };
  const running: Array<{ stop(): Promise<void> }> = [];
  // In Socket Mode PORT is free for the operator's endpoint; in HTTP mode Slack's receiver holds it.
  const endpoint = env.SLACK_APP_TOKEN ? await opsServerFromEnv(processOps(), logger, env) : undefined;
  try {
    running.push(await runSlack({ ...slackFromEnv(env), ...common }));
    // Started means connected (Bolt reconnects Socket Mode itself); /readyz stops counting it once stopping begins.
    const forget = processOps().readiness.watchPlatform('slack', { connected: () => true });
    running.push({ stop: async () => forget() });
    if (env.DISCORD_TOKEN) running.push(await runDiscord({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL || undefined, ...common }));
    await signalled;
    return 0;
  } catch (error) {
    const message = refusal(error);
    if (!message) throw error;
    process.stderr.write(`${message}\n`);
    return 1;
  } finally {
    for (const platform of running.reverse()) await platform.stop();
    await store.close();
    await endpoint?.close();
  }
}

/** The one store of both platforms: each app's close leaves it open; it is closed once, at the end. */
function keptOpen(store: Store): Store {
  return new Proxy(store, { get: (target, property, receiver) => (property === 'close' ? async () => undefined : Reflect.get(target, property, receiver)) });
}

/** A refused start said in one line: missing or wrong Slack tokens, a refused Discord login. */
function refusal(error: unknown): string | undefined {
  if (error instanceof SlackConfigError || error instanceof DiscordLoginError) return error.message;
  const code = platformError(error) ?? (error as { data?: { error?: string } })?.data?.error;
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive') {
    return `Slack refused the bot token (${code}): set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) of your app, under OAuth & Permissions.`;
  }
  if (code === 'not_allowed_token_type' || code === 'invalid_auth_app') {
    return `Slack refused the app token (${code}): set SLACK_APP_TOKEN to an app-level token (xapp-…) with connections:write, under Basic Information.`;
  }
  return undefined;
}

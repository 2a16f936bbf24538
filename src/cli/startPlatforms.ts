/**
 * `emcee start` with platform tokens: every configured platform as an adapter of ONE bot
 * (src/runAdapters.ts), so a community on Discord and Slack at once has one store, one scheduler
 * and one Poster that routes each post and DM to its platform: a speaker who proposed on Discord
 * and is accepted from Slack hears it on Discord. Runs until SIGINT/SIGTERM, or until Discord
 * drops the connection for good.
 */
import { untilSignal } from '../announcements/runtime.ts';
import type { Community } from '../config/community.ts';
import type { BotAdapter } from '../core/adapter.ts';
import type { Clock } from '../core/clock.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { processOps } from '../ops/ops.ts';
import { opsRoutes } from '../ops/routes.ts';
import { opsServerFromEnv } from '../ops/server.ts';
import { discordAdapter, DiscordLoginError, type DiscordAdapter } from '../platforms/discord/adapter.ts';
import { createSlackAdapter, SlackConfigError } from '../platforms/slack/adapter.ts';
import { platformError } from '../platforms/slack/poster.ts';
import { runAdapters } from '../runAdapters.ts';
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

/** True when a platform token is set: `emcee start` runs the platforms instead of the console. */
export function platformsConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.SLACK_BOT_TOKEN || env.DISCORD_TOKEN);
}

export async function startPlatforms(cli: CliValues, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // EMCEE_NOW without an offset is read in the first community's zone, known once the configuration is loaded.
  let zone: string | undefined;
  const clock = clockFromEnv(undefined, () => zone);
  // Listened for from the start: a signal during start-up stops the bot once it is up, not the process mid-way.
  const signalled = untilSignal();
  const logger = createLogger('info');
  let endpoint: Awaited<ReturnType<typeof opsServerFromEnv>>;
  try {
    const { adapters, discord } = adaptersFromEnv(env, clock, logger);
    // In Slack's HTTP mode its receiver holds PORT; otherwise the operator's endpoint is up before
    // the bot, so /healthz answers while the platforms connect and /readyz says 503 until they have.
    endpoint =
      env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN ? undefined : await opsServerFromEnv(processOps(), logger, env);
    const running = await runAdapters({
      configDir: cli.config,
      clock,
      logger,
      adapters,
      loaded: (app) => (zone = [...app.communities.values()][0]?.timezone ?? 'UTC'),
    });
    const lost = await Promise.race([
      signalled.then(() => undefined),
      discord?.lost ?? new Promise<never>(() => undefined),
    ]);
    await running.stop();
    if (!lost) return 0;
    process.stderr.write(`${lost.message}\n`);
    return 1;
  } catch (error) {
    const message = refusal(error);
    if (!message) throw error;
    process.stderr.write(`${message}\n`);
    return 1;
  } finally {
    await endpoint?.close();
  }
}

/** One adapter per platform whose token is set, Slack first (its HTTP receiver may hold PORT). */
function adaptersFromEnv(
  env: NodeJS.ProcessEnv,
  clock: Clock,
  logger: Logger,
): { adapters: BotAdapter<Community>[]; discord?: DiscordAdapter } {
  const adapters: BotAdapter<Community>[] = [];
  // In HTTP mode Slack's receiver holds PORT: the operator's routes are served there.
  const customRoutes = env.SLACK_APP_TOKEN ? undefined : opsRoutes(processOps());
  if (env.SLACK_BOT_TOKEN)
    adapters.push(createSlackAdapter({ ...slackFromEnv(env), logger, ...(customRoutes ? { customRoutes } : {}) }));
  if (!env.DISCORD_TOKEN) return { adapters };
  const discord = discordAdapter({
    token: env.DISCORD_TOKEN,
    clock,
    logger,
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
  });
  adapters.push(discord);
  return { adapters, discord };
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

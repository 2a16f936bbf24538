import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.ts';
import { startScheduler, untilSignal } from '../announcements/runtime.ts';
import { isLocale } from '../core/i18n.ts';
import { createLogger } from '../core/logger.ts';
import { routePoster } from '../core/poster.ts';
import type { Origin } from '../core/invocation.ts';
import { opsServerFromEnv } from '../ops/server.ts';
import { consolePoster } from '../platforms/console/poster.ts';
import { ConsoleSession } from '../platforms/console/session.ts';
import { platformsConfigured, startPlatforms } from './startPlatforms.ts';
import { clockFromEnv } from './clock.ts';
import { UsageError } from './usageError.ts';
import type { CliValues } from './main.ts';

/** `emcee start`: the platforms whose tokens are set, in one process; else the local console on the first (or chosen) community. */
export async function start(cli: CliValues): Promise<number> {
  if (platformsConfigured(process.env)) return startPlatforms(cli);
  const origin = consoleOrigin(cli);
  // EMCEE_NOW without an offset is read in the chosen community's zone, known once the configuration is loaded.
  let zone: string | undefined;
  const clock = clockFromEnv(undefined, () => zone);
  // The console is a conversation on stdout: only warnings and errors go to stderr by default.
  // Routed: the scheduler then posts to the console's channels only, not to those of a platform not running here.
  const poster = (communities: Parameters<typeof consolePoster>[1]) =>
    routePoster({
      console: consolePoster(process.stdout, communities, clock, {
        journal: process.env.EMCEE_CONSOLE_JOURNAL || undefined,
      }),
    });
  const logger = createLogger('warn');
  const app = await createApp({ configDir: cli.config, clock, logger, poster });
  zone = (cli.community ? app.communities.get(cli.community) : [...app.communities.values()][0])?.timezone ?? 'UTC';
  let scheduler: Awaited<ReturnType<typeof startScheduler>> | undefined;
  let endpoint: Awaited<ReturnType<typeof opsServerFromEnv>> = undefined;
  try {
    endpoint = await opsServerFromEnv(app.ops, logger);
    // Reminders and announcements are posted by a running bot (a terminal, or --stay); a piped
    // one-shot session is only a client of the store.
    if (cli.stay || process.stdin.isTTY) scheduler = await startScheduler(app, clock);
    const community = cli.community ? app.communities.get(cli.community) : [...app.communities.values()][0];
    if (!community)
      throw new UsageError(`no community "${cli.community}": known ${[...app.communities.keys()].join(', ')}`);
    const session = new ConsoleSession({
      bot: app.bot,
      community,
      origin: { ...origin, communityId: community.id },
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      exportDir: path.resolve('data', 'exports'),
    });
    await session.run();
    if (cli.stay) await untilSignal();
    return 0;
  } finally {
    await scheduler?.stop();
    await app.close();
    await endpoint?.close();
  }
}

function consoleOrigin(cli: CliValues): Origin {
  if (cli.as !== undefined && cli.as !== 'member' && cli.as !== 'organiser') {
    throw new UsageError(`--as takes "member" or "organiser", not "${cli.as}"`);
  }
  if (cli.locale !== undefined && !isLocale(cli.locale))
    throw new UsageError(`--locale takes "fr" or "en", not "${cli.locale}"`);
  const user = cli.user ?? os.userInfo().username;
  return {
    communityId: '',
    platform: 'console',
    channelId: 'console',
    member: { id: user, displayName: user, roles: [], organiser: cli.as === 'organiser', locale: cli.locale },
  };
}

import { createApp, type App, type AppOptions } from './app.ts';
import { startScheduler } from './announcements/runtime.ts';
import type { Community } from './config/community.ts';
import type { BotAdapter } from './core/adapter.ts';
import type { Platform } from './core/invocation.ts';
import { routePoster, type Poster } from './core/poster.ts';

export interface RunAdaptersOptions extends Omit<AppOptions, 'poster'> {
  /** One per platform; several run in one process, on one bot and one store. */
  adapters: readonly BotAdapter<Community>[];
  /** Post reminders and announcements (default true). */
  scheduler?: boolean;
  /** Called once the configuration is loaded, before anything reads the clock. */
  loaded?(app: App): void;
}

export interface RunningAdapters {
  app: App;
  stop(): Promise<void>;
}

/**
 * Runs several platform adapters on one bot: their posters composed with routePoster (so the
 * scheduler posts to the running platforms only, each target to its own), each bound, then
 * started in order. A start that fails stops those already started and closes the store.
 */
export async function runAdapters(options: RunAdaptersOptions): Promise<RunningAdapters> {
  const { adapters, scheduler: withScheduler = true, loaded, ...appOptions } = options;
  const posters: Partial<Record<Platform, Poster>> = {};
  for (const adapter of adapters) {
    if (posters[adapter.platform]) throw new Error(`two adapters for ${adapter.platform}`);
    posters[adapter.platform] = adapter.poster;
  }
  const app = await createApp({ ...appOptions, poster: () => routePoster(posters) });
  loaded?.(app);
  const started: BotAdapter[] = [];
  // Every configured platform is watched by /readyz from now: not ready until it has started.
  const unwatch = adapters.map((adapter) =>
    app.ops.readiness.watchPlatform(adapter.platform, {
      connected: () => (started.includes(adapter) ? (adapter.connected?.() ?? true) : 'not connected'),
    }),
  );
  const stopStarted = async () => {
    for (const adapter of started.splice(0).reverse()) await adapter.stop();
    for (const forget of unwatch) forget();
  };
  try {
    for (const adapter of adapters) {
      adapter.bind(app.bot);
      await adapter.start();
      started.push(adapter);
    }
  } catch (error) {
    await stopStarted();
    await app.close();
    throw error;
  }
  const scheduler = withScheduler ? await startScheduler(app, options.clock) : undefined;
  return {
    app,
    async stop() {
      await stopStarted();
      await scheduler?.stop();
      await app.close();
    },
  };
}

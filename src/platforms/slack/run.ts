/** emcee on Slack alone: the app wired with the Slack Poster, the scheduler, and an orderly stop. */
import { createApp, type App } from '../../app.ts';
import { startScheduler } from '../../announcements/runtime.ts';
import type { Clock } from '../../core/clock.ts';
import { routePoster } from '../../core/poster.ts';
import type { Store } from '../../store/store.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './adapter.ts';

export interface SlackRunOptions extends SlackAdapterOptions {
  configDir: string;
  clock: Clock;
  /** An already open store (tests); else STORE_URL. */
  store?: Store;
  /** Post reminders and announcements (default true). */
  scheduler?: boolean;
  /** Called once the configuration is loaded, before anything reads the clock. */
  loaded?(app: App): void;
}

export interface RunningSlack {
  adapter: SlackAdapter;
  app: App;
  stop(): Promise<void>;
}

export async function runSlack(options: SlackRunOptions): Promise<RunningSlack> {
  const adapter = createSlackAdapter(options);
  const app = await createApp({
    configDir: options.configDir,
    clock: options.clock,
    logger: options.logger,
    ...(options.store ? { store: options.store } : {}),
    // Routed, so that the scheduler posts only to Slack channels, and a Discord target is an unknown channel.
    poster: () => routePoster({ slack: adapter.poster }),
  });
  options.loaded?.(app);
  adapter.bind(app.bot);
  try {
    await adapter.start();
  } catch (error) {
    await app.close();
    throw error;
  }
  const scheduler = options.scheduler === false ? undefined : await startScheduler(app, options.clock);
  return {
    adapter,
    app,
    async stop() {
      await adapter.stop();
      await scheduler?.stop();
      await app.close();
    },
  };
}

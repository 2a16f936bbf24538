import type { App } from '../app.ts';
import type { Clock } from '../core/clock.ts';
import { runningPlatforms, type PostOptions, type Poster } from '../core/poster.ts';
import { Scheduler } from './scheduler.ts';

/**
 * Test aid, documented in README: `EMCEE_TEST_POST_DELAY_MS=N` makes every scheduled post print
 * `emcee: posting <occurrence>` on stderr, then wait N ms before reaching the real Poster, so a
 * process-level test can kill the bot while it holds a claim and has not posted yet.
 */
export function withTestPostDelay(poster: Poster, delayMs: number, note: (line: string) => void): Poster {
  if (!(delayMs > 0)) return poster;
  const wait = async (options?: PostOptions) => {
    note(`emcee: posting ${options?.idempotencyKey ?? '(unkeyed)'}\n`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  };
  return {
    post: async (target, reply, options) => {
      await wait(options);
      await poster.post(target, reply, options);
    },
    dm: async (target, reply, options) => {
      await wait(options);
      await poster.dm(target, reply, options);
    },
  };
}

/** Starts the scheduler of a running app: reminders and `/announce` schedules, until `stop()`. */
export async function startScheduler(app: App, clock: Clock, env: NodeJS.ProcessEnv = process.env): Promise<Scheduler> {
  const services = app.services;
  const scheduler = new Scheduler({
    store: services.store,
    repository: services.announcements,
    poster: withTestPostDelay(services.poster, Number(env.EMCEE_TEST_POST_DELAY_MS ?? 0), (line) =>
      process.stderr.write(line),
    ),
    // Only the running adapters' channels: a community also on a platform not running here is posted there by its own process.
    platforms: runningPlatforms(services.poster),
    communities: app.communities,
    agenda: services.agenda,
    lightning: services.lightning,
    clock,
    logger: services.logger,
    pollMs: env.EMCEE_SCHEDULER_POLL_MS ? Number(env.EMCEE_SCHEDULER_POLL_MS) : undefined,
    // Posts, retries, misses and lateness, counted for /metrics.
    ...app.ops.scheduler,
  });
  await scheduler.start();
  // A running bot follows its event folders and sources; reminders move with a changed meetup.
  app.agendas.on('changed', (communityId) => scheduler.agendaChanged(communityId));
  await app.agendas.start();
  return scheduler;
}

/** Resolves on SIGINT or SIGTERM (`emcee start --stay` runs until then). */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { CommandOutcome } from '../core/bot.ts';

/** How often the event loop's lag is sampled, in ms (prom-client's default is 10). */
export const LAG_SAMPLE_MS = 50;

/** What the scheduler reports: a post's end, a retry, how late a firing was. */
export type PostResult = 'posted' | 'retried' | 'failed' | 'missed';

/**
 * The process's Prometheus metrics, on a registry of their own (not prom-client's global one), so
 * that a test can hold a fresh set. Label values are bounded: command names come from commands/,
 * platforms and outcomes from fixed lists; nothing a member typed becomes a label.
 */
export class OpsMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'emcee_commands_total',
    help: 'Commands, form submissions and button presses handled, by command, platform and outcome',
    labelNames: ['command', 'platform', 'outcome'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'emcee_command_duration_seconds',
    help: 'Time from a command reaching the bot to its answer, by command and platform',
    labelNames: ['command', 'platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly posts = new Counter({
    name: 'emcee_scheduled_posts_total',
    help: 'Scheduled posts (reminders, announcements): posted, retried, failed after retries, missed past the starting deadline',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly lateness = new Histogram({
    name: 'emcee_firing_lateness_seconds',
    help: 'How long after its due instant a scheduled post was handed to the platform',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 3600],
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'emcee_store_errors_total',
    help: 'Store operations that failed because the backend did not answer',
    labelNames: ['backend'],
    registers: [this.registry],
  });
  private readonly sources = new Counter({
    name: 'emcee_source_fetches_total',
    help: 'Fetches of published schedules (sources:), by outcome: changed, unchanged, failed',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor(options: { process?: boolean } = {}) {
    // CPU, memory, event-loop lag, handles: what any Node service exposes. The lag is sampled
    // every 50 ms rather than prom-client's 10: every stall still delays the next sample by its
    // whole length (max and high percentiles see it), and the bot, idle most of the time, no
    // longer wakes 100 times a second for it (about 8 ms of CPU a second, measured on Node 20).
    if (options.process !== false)
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: LAG_SAMPLE_MS });
    for (const result of ['posted', 'retried', 'failed', 'missed'] as const) this.posts.inc({ result }, 0);
    for (const outcome of ['changed', 'unchanged', 'failed'] as const) this.sources.inc({ outcome }, 0);
  }

  command(command: string, platform: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ command, platform, outcome });
    this.latency.observe({ command, platform }, seconds);
  }

  post(result: PostResult): void {
    this.posts.inc({ result });
  }

  late(seconds: number): void {
    this.lateness.observe(Math.max(0, seconds));
  }

  storeError(backend: string): void {
    this.storeErrors.inc({ backend });
  }

  sourceFetch(outcome: 'changed' | 'unchanged' | 'failed'): void {
    this.sources.inc({ outcome });
  }

  /** The Prometheus text exposition, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

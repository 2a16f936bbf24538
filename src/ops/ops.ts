import type { CommandObserver } from '../core/bot.ts';
import type { Store } from '../store/store.ts';
import { OpsMetrics } from './metrics.ts';
import { observedStore } from './observedStore.ts';
import { Readiness } from './readiness.ts';

/**
 * What the operator's endpoint reads: the metrics and the readiness of this process. One per
 * process (`processOps()`), as the endpoint is; tests make their own.
 */
export class Ops {
  readonly metrics: OpsMetrics;
  readonly readiness = new Readiness();
  /** Each open app's communities' calendar feeds, by community id. */
  private readonly calendars = new Map<string, () => Promise<string>>();

  constructor(options: { processMetrics?: boolean } = {}) {
    this.metrics = new OpsMetrics({ process: options.processMetrics });
  }

  /** The bot's command observer: each command counted by name, platform and outcome, and timed. */
  get commands(): CommandObserver {
    return {
      done: ({ command, platform, outcome, seconds }) => this.metrics.command(command, platform, outcome, seconds),
    };
  }

  /** The store, its backend failures counted; readiness probes it until `forget` is called. */
  store(store: Store): { store: Store; forget: () => void } {
    const forget = this.readiness.watchStore(store);
    return { store: observedStore(store, (backend) => this.metrics.storeError(backend)), forget };
  }

  /** Serves these communities' calendar feeds at /calendar/<id>.ics until `forget` is called. */
  watchCalendars(feeds: ReadonlyMap<string, () => Promise<string>>): () => void {
    for (const [id, feed] of feeds) this.calendars.set(id, feed);
    return () => {
      for (const [id, feed] of feeds) if (this.calendars.get(id) === feed) this.calendars.delete(id);
    };
  }

  /** A community's calendar feed (text/calendar), or undefined when no open app has it. */
  calendar(communityId: string): Promise<string> | undefined {
    return this.calendars.get(communityId)?.();
  }

  /** The scheduler's observer hooks (src/announcements/scheduler.ts `onResult`, `onDeliver`). */
  get scheduler() {
    return {
      onResult: (result: 'posted' | 'retried' | 'failed' | 'missed', count: number) => {
        for (let i = 0; i < count; i++) this.metrics.post(result);
      },
      onDeliver: (occurrence: { at: number }, now: number) => this.metrics.late((now - occurrence.at) / 1000),
    };
  }
}

let current: Ops | undefined;

/** This process's Ops, created on first use. */
export function processOps(): Ops {
  current ??= new Ops();
  return current;
}

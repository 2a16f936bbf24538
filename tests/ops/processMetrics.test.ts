/** The process metrics every Node service exposes, with the event loop's lag sampled less often than prom-client's default. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LAG_SAMPLE_MS, OpsMetrics } from '../../src/ops/metrics.ts';

const gauge = (body: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(body)?.[1]);

describe('process metrics', () => {
  it('exposes CPU, memory, garbage collection and event-loop lag', async () => {
    const { body } = await new OpsMetrics().exposition();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_max_seconds',
    ]) {
      expect(body).toContain(`# TYPE ${name} `);
    }
  });

  it('still sees a stall of the event loop shorter than a few samples', async () => {
    const metrics = new OpsMetrics();
    await metrics.exposition(); // starts a fresh lag window
    await sleep(LAG_SAMPLE_MS * 2);
    const stall = LAG_SAMPLE_MS * 3;
    const until = performance.now() + stall;
    while (performance.now() < until) {
      // a synchronous stall, as a slow handler would make
    }
    await sleep(LAG_SAMPLE_MS * 2); // the sample due during the stall is taken once it ends
    const { body } = await metrics.exposition();
    // The sample due during the stall waited for its end: at least the stall less one sampling period.
    expect(gauge(body, 'nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual((stall - LAG_SAMPLE_MS) / 1000);
  });
});

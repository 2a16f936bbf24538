import { performance } from 'node:perf_hooks';

/** One line of the bench report; a baseline, when given, was measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  /** Whether `value` meets `goal` (undefined when there is no goal). */
  met?: boolean;
  baseline?: { name: string; value: number };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Times `fn` `runs` times after `warmup` untimed runs; returns sorted durations in ms. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = Math.min(100, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

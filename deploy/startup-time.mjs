#!/usr/bin/env node
// Start-up time of `emcee check-config`, the sources through tsx against the compiled dist/:
// `npm run build && node deploy/startup-time.mjs [runs]`. Prints the median and spread of each.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 10);
const bin = new URL('../bin/emcee.mjs', import.meta.url).pathname;

for (const mode of ['sources', 'dist']) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, 'check-config'], {
      env: { ...process.env, EMCEE_RUN: mode },
      stdio: 'ignore',
    });
    if (run.status !== 0) throw new Error(`emcee check-config (${mode}) exited with ${run.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  console.log(`${mode.padEnd(8)} median ${at(0.5)} ms  min ${at(0)} ms  max ${at(1)} ms  (${runs} runs)`);
}

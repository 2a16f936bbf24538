import { benchAgenda } from './agenda.ts';
import { benchAgendaLoad } from './agendaLoad.ts';
import { benchDiscord } from './discord.ts';
import { benchFaults } from './faults.ts';
import { benchFeedback } from './feedback.ts';
import { benchFuzz } from './fuzz.ts';
import { benchProposals } from './proposals.ts';
import { benchScheduler } from './scheduler.ts';
import { benchSlack } from './slack.ts';
import type { BenchRow } from './stats.ts';

/**
 * `npm run bench`: every benchmark, one table. Goals are checked here, on figures measured in this
 * run, and ratios are given against a baseline measured in the same run — never timed unit tests.
 */
const SUITES: Array<[string, () => Promise<BenchRow[]>]> = [
  ['agenda', benchAgenda],
  ['agenda-load', benchAgendaLoad],
  ['proposals', benchProposals],
  ['feedback', benchFeedback],
  ['scheduler', benchScheduler],
  ['slack', benchSlack],
  ['discord', benchDiscord],
  ['fuzz', benchFuzz],
  ['faults', benchFaults],
];

function format(row: BenchRow): string {
  const value = `${row.value.toFixed(row.value < 10 ? 3 : 1)} ${row.unit}`;
  const goal = row.goal ? `  goal ${row.goal}: ${row.met ? 'met' : 'NOT met'}` : '';
  // Every figure here is lower-is-better, so baseline ÷ ours above 1 means ours is better.
  const ratio = row.baseline
    ? `  (baseline, ${row.baseline.name}: ${row.baseline.value.toFixed(row.baseline.value < 10 ? 3 : 1)} ${row.unit}; baseline ÷ ours = ${(row.baseline.value / row.value).toFixed(1)})`
    : '';
  return `  ${row.name}: ${value}${goal}${ratio}`;
}

const only = process.argv.slice(2);
let failed = false;
for (const [name, suite] of SUITES) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`${name}`);
  for (const row of await suite()) {
    console.log(format(row));
    if (row.met === false) failed = true;
  }
}
process.exitCode = failed ? 1 : 0;

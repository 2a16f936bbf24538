/**
 * `npm run bench -- fuzz`: property-based fuzzing at scale (tests/fuzz run a sample of the same):
 * every command's options and every form's values, and every event-file parser, at least
 * 100,000 generated inputs in all.
 */
import { fuzzCommands } from '../tests/fuzz/fuzzCommands.ts';
import { fuzzParsers } from '../tests/fuzz/fuzzParsers.ts';
import type { BenchRow } from './stats.ts';

const COMMAND_RUNS = Number(process.env.FUZZ_COMMAND_RUNS ?? 80_000);
const PARSER_RUNS = Number(process.env.FUZZ_PARSER_RUNS ?? 20_000);

export async function benchFuzz(): Promise<BenchRow[]> {
  const started = performance.now();
  const commands = await fuzzCommands(COMMAND_RUNS);
  const parsers = fuzzParsers(PARSER_RUNS);
  const inputs = commands.inputs + parsers.inputs;
  for (const line of [
    ...commands.crashes,
    ...commands.unsafe,
    ...parsers.crashes,
    ...parsers.unsafe,
    ...parsers.caught,
  ].slice(0, 10))
    console.log(`    ${line.slice(0, 400)}`);
  const zero = (name: string, value: number): BenchRow => ({ name, value, unit: '', goal: '0', met: value === 0 });
  return [
    {
      name: 'generated inputs (commands, forms, event files)',
      value: inputs,
      unit: 'inputs',
      goal: '≥ 100,000',
      met: inputs >= 100_000,
    },
    { name: 'of which command invocations and form submissions', value: commands.inputs, unit: 'inputs' },
    zero(
      'crashes (a command or parser threw, or a command ended in an unexpected error)',
      commands.crashes.length + parsers.crashes.length,
    ),
    zero('unhandled rejections', commands.unhandledRejections),
    zero(
      'replies pinging everyone, here, a channel or a role, or sending a control character to a terminal',
      commands.unsafe.length + parsers.unsafe.length,
    ),
    {
      name: 'event files a parser failed on unexpectedly, caught and reported as the file’s problem',
      value: parsers.caught.length,
      unit: 'files',
    },
    { name: 'time', value: (performance.now() - started) / 1000, unit: 's' },
  ];
}

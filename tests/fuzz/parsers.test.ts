import { describe, expect, it } from 'vitest';
import { fuzzParsers } from './fuzzParsers.ts';

/** A sample in npm test; `npm run bench -- fuzz` runs 100,000 and more. */
describe('fuzzing every event-file parser', () => {
  it('reads mutated Markdown, YAML, JSON, XML and iCalendar files without throwing, and their programmes are safe to show', () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 300);
    const figures = fuzzParsers(runs);
    expect(figures.crashes.slice(0, 3)).toEqual([]);
    // Failures a parser did not expect but caught (reported as the file's problem) are counted by
    // the bench (`npm run bench -- fuzz`), not failed on here: a sample may or may not meet one.
    expect(figures.unsafe.slice(0, 3)).toEqual([]);
    expect(figures.inputs).toBe(runs);
  });
});

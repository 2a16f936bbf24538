import type { z } from 'zod';
import type { Logger } from '../core/logger.ts';
import { durationNote } from './durations.ts';

/** A configuration problem, worded for the organiser who has to fix the file. */
export interface ConfigProblem {
  file: string;
  field?: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
  /** What to write instead, when the message alone does not say it. */
  fix?: string;
  /** Only this event file is left out and the rest is served: such an error fails check-config, not start-up. */
  leftOut?: boolean;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = [problem.file + (problem.line ? `:${problem.line}` : ''), problem.field && `field \`${problem.field}\``]
    .filter(Boolean)
    .join(', ');
  return `${problem.severity}: ${where}: ${problem.message}${problem.fix ? ` (fix: ${problem.fix})` : ''}`;
}

/** Logs each problem with its file, line, field and fix: at a terminal, one `warning: file:3 — …` line. */
export function logProblems(logger: Pick<Logger, 'warn'>, problems: readonly ConfigProblem[]): void {
  for (const { file, line, field, fix, message } of problems) logger.warn({ file, line, field, fix }, message);
}

/** Turns zod issues into messages naming the field, what was found and what is expected. */
export function zodProblems(
  file: string,
  error: z.ZodError,
  knownKeys: (path: PropertyKey[]) => string[],
): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    const field = pathText(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        field: field ? `${field}.${key}` : key,
        severity: 'error' as const,
        message: unknownKeyMessage(key, knownKeys(issue.path)),
      }));
    }
    return [{ file, field: field || undefined, severity: 'error' as const, message: issueText(issue) }];
  });
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}

/** An issue in our words: what was found, then what is expected; a schema's own message is kept. */
export function issueText(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  const zodWords = /^(Invalid input|Too big|Too small)\b/.test(issue.message);
  if (input === undefined) {
    if (issue.code === 'invalid_type' && zodWords) return `is required (${expectedType(issue.expected)} expected)`;
    return `missing: ${issue.message}`;
  }
  const found = `found ${JSON.stringify(input)}${durationNote(input) ?? ''}, `;
  if (issue.code === 'invalid_type' && zodWords) return `${found}expected ${expectedType(issue.expected)}`;
  if (issue.code === 'invalid_value')
    return `${found}expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if ((issue.code === 'too_big' || issue.code === 'too_small') && zodWords)
    return `${found}expected ${boundText(issue)}`;
  return `${found}${issue.message}`;
}

/** zod's type names as an organiser writing YAML knows them. */
function expectedType(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a map of fields',
  };
  return names[expected] ?? expected;
}

/** "at most 365", "at least 1 character", "at most 10 items", "more than 0": zod's "Too big" in our words. */
function boundText(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  const words = issue.inclusive === false ? (big ? 'less than' : 'more than') : big ? 'at most' : 'at least';
  const unit =
    issue.origin === 'string' ? 'character' : issue.origin === 'array' || issue.origin === 'set' ? 'item' : '';
  return `${words} ${limit}${unit ? ` ${unit}${limit === 1 ? '' : 's'}` : ''}`;
}

function unknownKeyMessage(key: string, known: string[]): string {
  const guess = closest(key, known);
  const hint = guess ? `did you mean \`${guess}\`?` : `known fields: ${known.join(', ')}`;
  return `unknown field \`${key}\`: ${hint}`;
}

/** The known key nearest to a typo, by edit distance, if it is close enough to be a typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours is one edit,
 * so `titel` is 1 from `title` and 2 from `time`.
 */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

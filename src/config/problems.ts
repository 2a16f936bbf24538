import type { z } from 'zod';

/** A configuration problem, worded for the organiser who has to fix the file. */
export interface ConfigProblem {
  file: string;
  field?: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
  /** What to write instead, when the message alone does not say it. */
  fix?: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = [problem.file + (problem.line ? `:${problem.line}` : ''), problem.field && `field \`${problem.field}\``]
    .filter(Boolean)
    .join(', ');
  return `${problem.severity}: ${where}: ${problem.message}${problem.fix ? ` (fix: ${problem.fix})` : ''}`;
}

/** Turns zod issues into messages naming the field, what was found and what is expected. */
export function zodProblems(file: string, error: z.ZodError, knownKeys: (path: PropertyKey[]) => string[]): ConfigProblem[] {
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
    return [{ file, field: field || undefined, severity: 'error' as const, message: issueMessage(issue) }];
  });
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const found = 'input' in issue && issue.input !== undefined ? `found ${JSON.stringify(issue.input)}, ` : '';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is required (${issue.expected} expected)`;
  if (issue.code === 'invalid_value') return `${found}expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${found}${issue.message}`;
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

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { issueText, pathText } from '../../config/problems.ts';
import type { Finding } from '../parse/problems.ts';
import { lineAt } from './reading.ts';

/** JSON.parse, with a syntax error as a finding: the line, what was found there and what JSON expects. */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; problem: Finding } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = (error as Error).message;
    const position = /position (\d+)/.exec(reason);
    const at = position ? Number(position[1]) : text.length;
    const found = at >= text.trimEnd().length ? 'the end of the file' : JSON.stringify(text.slice(at, at + 12));
    return {
      ok: false,
      problem: {
        line: lineAt(text, at),
        message: `not valid JSON: found ${found} (${reason.replace(/ in JSON at position \d+.*$/, '')})`,
        fix: 'check the commas, quotes and brackets near that line, or export the file again',
      },
    };
  }
}

/**
 * zod issues of a JSON file as findings with their line. Lines are looked up only when there is an
 * issue (JSON is YAML, whose parser keeps positions), so a good file is read at JSON.parse speed.
 */
export function jsonIssues(
  text: string,
  error: Pick<z.ZodError, 'issues'>,
  expected?: (path: readonly PropertyKey[]) => string | undefined,
): Finding[] {
  const lineOf = jsonLineOf(text);
  return error.issues.slice(0, 10).map((issue) => {
    const line = lineOf(issue.path);
    const hint = expected?.(issue.path);
    return {
      field: pathText(issue.path),
      ...(line === undefined ? {} : { line }),
      message: issueText(issue),
      ...(hint ? { fix: hint } : {}),
    };
  });
}

/** The line of a path in a JSON text (or of its nearest enclosing value that exists). */
export function jsonLineOf(text: string): (path: readonly PropertyKey[]) => number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  return (path) => {
    // A missing field has no position: the nearest enclosing one that exists is where to look.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

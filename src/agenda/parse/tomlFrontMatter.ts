import { parse, TomlDate, TomlError } from 'smol-toml';
import { failure, type FrontMatter } from './frontMatter.ts';
import type { Finding } from './problems.ts';

export const TOML_FENCE = /^\+\+\+\s*$/;

/**
 * Hugo's other front matter: TOML between two `+++` lines. Dates are given back as the text that
 * was written (`2026-05-20T19:00:00+02:00`), as YAML ones are, so the same date rules apply.
 */
export function readTomlFrontMatter(
  lines: readonly string[],
): { ok: true; frontMatter: FrontMatter } | { ok: false; problems: Finding[] } {
  const close = lines.findIndex((line, i) => i > 0 && TOML_FENCE.test(line));
  if (close < 0)
    return failure({
      line: 1,
      message: 'the TOML front matter opened by +++ on line 1 is never closed',
      fix: 'add a line +++ after its last key',
    });
  const toml = lines.slice(1, close);
  let data: Record<string, unknown>;
  try {
    data = writtenDates(parse(toml.join('\n'))) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line + 1 : 2;
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return failure({
      line,
      message: `the TOML front matter is not valid: ${reason}`,
      fix: 'quote text values (title = "#12 …") and write one key = value per line',
    });
  }
  return {
    ok: true,
    frontMatter: {
      data,
      body: lines.slice(close + 1).join('\n'),
      bodyLine: close + 2,
      lineOf: (path) => lineOfKey(toml, path),
    },
  };
}

function writtenDates(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(writtenDates);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, writtenDates(inner)]));
  return value;
}

/** `key = …` at the top, or under its `[table]` for a nested key; file lines start at 2. */
function lineOfKey(toml: readonly string[], path: readonly PropertyKey[]): number | undefined {
  const key = String(path.at(-1));
  const table = path.slice(0, -1).map(String).join('.');
  let current = '';
  for (let i = 0; i < toml.length; i++) {
    const line = (toml[i] as string).trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) current = (header[1] as string).trim();
    else if (
      current === table &&
      new RegExp(`^["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*=`).test(line)
    )
      return i + 2;
  }
  return undefined;
}

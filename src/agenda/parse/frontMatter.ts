import type { Finding } from './problems.ts';
import { readTomlFrontMatter, TOML_FENCE } from './tomlFrontMatter.ts';
import { readYamlText, type YamlText } from './yamlText.ts';

/**
 * Hugo front matter: YAML between two `---` lines at the top of the page (or TOML between two
 * `+++` lines, see tomlFrontMatter.ts). The `yaml` package reads
 * it as YAML 1.2 (core schema), so `2019-09-18T19:00:00-01:00` stays the string that was written
 * and the offset can be checked against the community zone.
 */
export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Line number, in the file, of the body's first line. */
  bodyLine: number;
  /** Line number, in the file, of a front-matter key; undefined when it is not written. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

const FENCE = /^---\s*$/;
const CLOSING_FENCE = /^(?:---|\.\.\.)\s*$/;

type Reading = { ok: true; frontMatter: FrontMatter } | { ok: false; problems: Finding[] };

export function readFrontMatter(text: string): Reading {
  const unmarked = text.replace(/^\uFEFF/, '');
  const fenced = unmarked.includes('\r') ? undefined : yamlFenced(unmarked);
  if (fenced) return fenced;
  const lines = unmarked.split(/\r?\n/);
  if (TOML_FENCE.test(lines[0] ?? '')) return readTomlFrontMatter(lines);
  if (!FENCE.test(lines[0] ?? ''))
    return { ok: true, frontMatter: { data: {}, body: lines.join('\n'), bodyLine: 1, lineOf: () => undefined } };
  const close = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line));
  if (close < 0) {
    return failure({
      line: 1,
      message: 'the front matter opened by --- on line 1 is never closed',
      fix: 'add a line --- after its last key',
    });
  }
  const data = parseYaml(lines.slice(1, close).join('\n'));
  if (!data.ok) return data;
  const { value, lineOf } = data;
  return {
    ok: true,
    frontMatter: { data: value, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2, lineOf },
  };
}

/**
 * The common page (`---` fences, `\n` line ends) read by slicing the text: splitting every page
 * into lines and joining its body back was a large share of what a load allocates. Undefined
 * when the page does not open with `---` (readFrontMatter reads it line by line).
 */
function yamlFenced(text: string): Reading | undefined {
  const firstEnd = text.indexOf('\n');
  if (firstEnd < 0 || !FENCE.test(text.slice(0, firstEnd))) return undefined;
  const yamlStart = firstEnd + 1;
  let from = yamlStart;
  for (let line = 2; ; line++) {
    const found = text.indexOf('\n', from);
    const end = found < 0 ? text.length : found;
    if (CLOSING_FENCE.test(text.slice(from, end))) {
      // Lines 2 to line - 1 are the YAML, without the newline before the closing fence.
      const data = parseYaml(from > yamlStart ? text.slice(yamlStart, from - 1) : '');
      if (!data.ok) return data;
      const body = found < 0 ? '' : text.slice(found + 1);
      return { ok: true, frontMatter: { data: data.value, body, bodyLine: line + 1, lineOf: data.lineOf } };
    }
    if (found < 0) return undefined;
    from = found + 1;
  }
}

export const failure = (problem: Finding): { ok: false; problems: Finding[] } => ({ ok: false, problems: [problem] });

/** The YAML between the fences, which starts on line 2 of the file. */
function parseYaml(
  yaml: string,
): { ok: true; value: Record<string, unknown>; lineOf: YamlText['lineOf'] } | { ok: false; problems: Finding[] } {
  const read = readYamlText(yaml, 2);
  if (!read.ok)
    return {
      ok: false,
      problems: read.problems.map((problem) => ({
        ...problem,
        message: problem.message.replace('this is', 'the front matter is'),
      })),
    };
  const value = read.yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return failure({
      line: 2,
      message: 'the front matter is not a list of keys',
      fix: 'write one key per line: title: …, date: …',
    });
  }
  return { ok: true, value: value as Record<string, unknown>, lineOf: read.yaml.lineOfField };
}

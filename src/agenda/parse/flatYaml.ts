import type { YamlText } from './yamlText.ts';

/**
 * Most front matters are a few `key: value` lines. Those are read here directly; anything else —
 * nesting, lists, flow collections, escapes, comments after a value, numbers and booleans, a key
 * written twice — returns undefined and goes to the full YAML parser, so the reading is always
 * the one YAML 1.2 (core schema) gives. A front matter is read for every page at every load, and
 * the full parser is the slow part of that for such simple text.
 */
const KEY_LINE = /^([A-Za-z_][\w-]*):(?:[ \t]+(.*?))?[ \t]*$/;
const PLAIN = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^#]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const NOT_TEXT = /^(?:[-+.]?\d|~$|null$|true$|false$|yes$|no$|on$|off$|\.(?:inf|nan)$)/i;

export function readFlatYaml(text: string, firstLine: number): YamlText | undefined {
  const value: Record<string, unknown> = {};
  const lines = new Map<string, number>();
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as string;
    if (row.trim() === '' || row.startsWith('#')) continue;
    const match = KEY_LINE.exec(row);
    if (!match || lines.has(match[1] as string)) return undefined;
    const scalar = readScalar(match[2] ?? '');
    if (scalar === undefined) return undefined;
    value[match[1] as string] = scalar;
    lines.set(match[1] as string, firstLine + i);
  }
  const lineOfField = (path: readonly PropertyKey[]): number | undefined =>
    path.length === 1 ? lines.get(String(path[0])) : undefined;
  const firstKey = lines.values().next().value;
  const lineOf = (path: readonly PropertyKey[]): number | undefined =>
    (path.length > 0 ? lines.get(String(path[0])) : undefined) ?? firstKey;
  return { value: lines.size === 0 ? null : value, lineOf, lineOfField };
}

/** Text, or null for an empty value; undefined when only the full parser can say. */
function readScalar(raw: string): string | null | undefined {
  if (raw === '') return null;
  const quoted = /^"([^"\\]*)"$/.exec(raw) ?? /^'((?:[^']|'')*)'$/.exec(raw);
  if (quoted) return raw.startsWith("'") ? (quoted[1] as string).replace(/''/g, "'") : quoted[1];
  if (ISO_DATE.test(raw)) return raw;
  if (!PLAIN.test(raw) || NOT_TEXT.test(raw) || raw.includes(': ') || raw.endsWith(':')) return undefined;
  return raw;
}

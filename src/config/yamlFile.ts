import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from './problems.ts';

/** A parsed YAML file that can tell the line of any field, for messages that point at it. */
export interface YamlFile {
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readYaml(
  file: string,
  text: string,
): { ok: true; yaml: YamlFile } | { ok: false; problems: ConfigProblem[] } {
  if (text.trim() === '') return { ok: false, problems: [{ file, severity: 'error', message: 'the file is empty' }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line,
        severity: 'error' as const,
        message: `this is not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  return { ok: true, yaml: { data: doc.toJS(), lineOf: (path) => lineOf(doc, lines, path) } };
}

/** The line of the key at `path`, when the file has it (a missing field has no line). */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  const parent = path.length <= 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
  if (!isMap(parent) && !isSeq(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === last) : undefined;
  const node = pair?.key ?? (isSeq(parent) && typeof last === 'number' ? parent.items[last] : undefined);
  return isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
}

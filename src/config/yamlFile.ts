import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigProblem } from './problems.ts';

/** A parsed YAML file that can tell the line of any field, for messages that point at it. */
export interface YamlFile {
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export function readYaml(file: string, text: string): { ok: true; yaml: YamlFile } | { ok: false; problems: ConfigProblem[] } {
  if (text.trim() === '') return { ok: false, problems: [{ file, severity: 'error', message: 'the file is empty' }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
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

function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { readFlatYaml } from './flatYaml.ts';
import type { Finding } from './problems.ts';

/**
 * YAML read the way event files need it: YAML 1.2 (core schema), so that timestamps stay the
 * strings that were written, and every field can tell its line for messages.
 */
export interface YamlText {
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The line of the value at that path; undefined when the file does not write it. */
  lineOfField(path: readonly PropertyKey[]): number | undefined;
}

/** `firstLine`: where the text starts in its file (front matter starts on line 2). */
export function readYamlText(
  text: string,
  firstLine = 1,
): { ok: true; yaml: YamlText } | { ok: false; problems: Finding[] } {
  const flat = readFlatYaml(text, firstLine);
  if (flat) return { ok: true, yaml: flat };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineAt = (offset: number): number => lines.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        line: lineAt(error.pos[0]),
        message: `this is not valid YAML: ${error.message.split('\n')[0]}`,
        fix: 'quote values that contain ": " or start with # (title: "#12 …"), and close every [ and {',
      })),
    };
  }
  const yaml: YamlText = {
    value: doc.toJS(),
    lineOf: (path) => lineOf(doc, path, lineAt),
    lineOfField: (path) => {
      const node = doc.getIn(path as unknown[], true);
      return isNode(node) && node.range ? lineAt(node.range[0]) : undefined;
    },
  };
  return { ok: true, yaml };
}

/** The line of the deepest node that exists along the path. */
function lineOf(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}

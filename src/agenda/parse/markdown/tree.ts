import type { Nodes, Parent, PhrasingContent, Root, RootContent, TableCell } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { plainBlocks } from './plainMarkdown.ts';
import { prepareSource } from './source.ts';

/**
 * A page body parsed by a real Markdown parser (CommonMark + GFM), then laid out as the lines a
 * reader sees: each block split at its line breaks, each line knowing which block it belongs to,
 * which runs are bold and which are links. The programme rules read lines (a paragraph of
 * `19h00 : …` lines is one block but many slots), and the tree says what each line is.
 */
export interface Part {
  text: string;
  /** Inside `**…**`, `__…__`, `*…*` or `_…_`. */
  strong: boolean;
  /** Inside a link. */
  link: boolean;
}

export type LineKind = 'heading' | 'item' | 'text' | 'break';

export interface PageLine {
  /** Line number in the file. */
  line: number;
  kind: LineKind;
  /** Heading level (1-6); list nesting for items (1 = top level); 0 otherwise. */
  level: number;
  /** First line of its block: for an item, the line with the list marker. */
  first: boolean;
  /** A task item's box (`- [x]`, `- [ ]`); undefined for anything else. */
  checked?: boolean;
  parts: Part[];
  /** The visible text, spaces collapsed. */
  text: string;
  /** The line as written in the file, for messages. */
  raw: string;
  /** Index of the block in the page: lines of one paragraph or one item share it. */
  block: number;
}

const GFM = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
/**
 * Task boxes, tables, strikethrough, footnotes: GFM syntax. Without any of it CommonMark gives the
 * same lines, twice as fast, and most pages have none (only bare links differ, and they keep their text).
 */
const USES_GFM = /\[[ xX]\]|^\s*\|.*\||~|\[\^/m;

/** The body's lines; `firstLine` is the file line of the body's first line. */
export function readPage(body: string, firstLine: number): PageLine[] {
  const source = prepareSource(body);
  const gfmSyntax = USES_GFM.test(source);
  const plain = gfmSyntax ? undefined : plainBlocks(source);
  if (!plain) return layOut(body, firstLine, gfmSyntax ? fromMarkdown(source, GFM) : fromMarkdown(source));
  const out = new Layout(firstLine - 1, body.split('\n'));
  for (const block of plain) out.rows({ kind: block.kind, level: block.level }, block.line, block.rows);
  return out.lines;
}

/** readPage by the Markdown parser alone, whatever the page holds: what the plain reader must match. */
export function readPageTree(body: string, firstLine: number): PageLine[] {
  const source = prepareSource(body);
  return layOut(body, firstLine, USES_GFM.test(source) ? fromMarkdown(source, GFM) : fromMarkdown(source));
}

function layOut(body: string, firstLine: number, root: Root): PageLine[] {
  const out = new Layout(firstLine - 1, body.split('\n'));
  out.blocks(root.children, { kind: 'text', level: 0 });
  return out.lines;
}

interface Context {
  kind: LineKind;
  level: number;
  checked?: boolean;
}

class Layout {
  readonly lines: PageLine[] = [];
  private block = 0;

  constructor(
    private readonly offset: number,
    private readonly source: readonly string[],
  ) {}

  blocks(nodes: readonly RootContent[], context: Context): void {
    for (const node of nodes) this.node(node, context);
  }

  private node(node: RootContent, context: Context): void {
    switch (node.type) {
      case 'heading':
        return this.phrasing(node, { kind: 'heading', level: node.depth });
      case 'paragraph':
        return this.phrasing(node, context);
      case 'thematicBreak':
        return this.push({ kind: 'break', level: 0 }, lineOf(node), [], true);
      case 'list':
        return node.children.forEach((item) => this.item(item, context));
      case 'blockquote':
        return this.blocks(node.children, context.kind === 'item' ? { ...context, kind: 'text' } : context);
      case 'html':
        return this.html(node.value, lineOf(node), context);
      case 'table':
        // A row reads as one line, its cells apart: `19:00 | Welcome`.
        return node.children.forEach((row) =>
          this.phrasing(
            { type: 'paragraph', children: row.children.flatMap(cellWithBar), position: row.position },
            context,
          ),
        );
      default:
        return undefined; // code, definitions, front matter: not programme text
    }
  }

  private item(item: RootContent, context: Context): void {
    if (item.type !== 'listItem') return;
    const level = context.kind === 'item' ? context.level + 1 : 1;
    const own: Context = {
      kind: 'item',
      level,
      ...(item.checked === null || item.checked === undefined ? {} : { checked: item.checked }),
    };
    const [head, ...rest] = item.children;
    if (head?.type === 'paragraph') this.phrasing(head, own);
    else if (head) this.node(head, own);
    else this.push(own, lineOf(item), [], true);
    this.blocks(rest, { kind: 'item', level });
  }

  /** Inline content, cut into lines at its newlines. */
  private phrasing(node: Parent & { position?: Nodes['position'] }, context: Context): void {
    const rows: Part[][] = [[]];
    collect(node.children as PhrasingContent[], { strong: false, link: false }, rows);
    this.rows(context, lineOf(node), rows);
  }

  /** One block's lines, from its first line on. */
  rows(context: Context, start: number, rows: readonly Part[][]): void {
    rows.forEach((parts, i) => this.push(context, start + i, parts, i === 0));
    this.block++;
  }

  /** Raw HTML (`<p>…</p>`, `<br>`): its text, line by line, without the tags. */
  private html(value: string, start: number, context: Context): void {
    value.split('\n').forEach((row, i) => {
      const text = decodeEntities(row.replace(/<\/?[a-zA-Z][^>]*>/g, ' '));
      this.push(context, start + i, text.trim() ? [{ text, strong: false, link: false }] : [], i === 0);
    });
    this.block++;
  }

  private push(context: Context, line: number, parts: Part[], first: boolean): void {
    const text = visibleText(parts);
    const kind = context.kind;
    const raw = (this.source[line - 1] ?? '').trim();
    const [level, block] = [context.level, this.block];
    // Two literals rather than a spread of the optional box: this runs for every line of every page.
    const checked = first ? context.checked : undefined;
    this.lines.push(
      checked === undefined
        ? { line: line + this.offset, kind, level, first, parts, text, raw, block }
        : { line: line + this.offset, kind, level, first, checked, parts, text, raw, block },
    );
    if (kind === 'break') this.block++;
  }
}

/** Spaces or other white space that `\s+` → ` ` would change: most lines have none to collapse. */
const COLLAPSIBLE = /[^\S ]| {2}/;

/** The parts' text, white space collapsed and trimmed. */
function visibleText(parts: readonly Part[]): string {
  const joined = parts.length === 1 ? (parts[0] as Part).text : parts.map((part) => part.text).join('');
  return (COLLAPSIBLE.test(joined) ? joined.replace(/\s+/g, ' ') : joined).trim();
}

const cellWithBar = (cell: TableCell, i: number): PhrasingContent[] =>
  i === 0 ? cell.children : [{ type: 'text', value: ' | ' }, ...cell.children];

const lineOf = (node: { position?: Nodes['position'] }): number => node.position?.start.line ?? 1;

function collect(nodes: readonly PhrasingContent[], style: Omit<Part, 'text'>, rows: Part[][]): void {
  for (const node of nodes) {
    const row = rows[rows.length - 1] as Part[];
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        node.value.split('\n').forEach((piece, i) => {
          if (i > 0) rows.push([]);
          if (piece !== '') (rows[rows.length - 1] as Part[]).push({ text: piece, ...style });
        });
        break;
      case 'break':
        rows.push([]);
        break;
      case 'strong':
      case 'emphasis':
        collect(node.children, { ...style, strong: true }, rows);
        break;
      case 'delete':
        break; // struck-out text is what the organisers took back
      case 'link':
      case 'linkReference':
        collect(node.children, { ...style, link: true }, rows);
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(node.value)) rows.push([]);
        break;
      default:
        if ('value' in node && typeof node.value === 'string') row.push({ text: node.value, ...style });
    }
  }
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  rsquo: '’',
  lsquo: '‘',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|[a-z]+);/g, (entity, name: string) =>
    name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? entity),
  );
}

/** Leading bold runs of a line, e.g. `**19h00**` or `**Ada Martin**` (whitespace between parts skipped). */
export function leadingStrong(line: PageLine): string | undefined {
  const first = line.parts.find((part) => part.text.trim() !== '');
  return first?.strong ? first.text.trim() : undefined;
}

/** The texts of a line's bold runs, adjacent bold parts joined. */
export function strongRuns(line: PageLine): string[] {
  const runs: string[] = [];
  let open = false;
  for (const part of line.parts) {
    if (part.strong && open) runs[runs.length - 1] += part.text;
    else if (part.strong) runs.push(part.text);
    open = part.strong;
  }
  return runs.map((run) => run.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Whether the whole visible text of the line is bold (`__Titre__`, `**Title**`). */
export const allStrong = (line: PageLine): boolean =>
  line.parts.some((part) => part.strong) && line.parts.every((part) => part.strong || part.text.trim() === '');

import type { Part } from './tree.ts';

/**
 * Most meetup pages use a small part of Markdown: `#` headings, `*`/`-` bullets, paragraphs,
 * `**bold**` and `[links](…)`. For a page written only with those, this reads the same blocks
 * the CommonMark parser would, about ten times faster; on anything else (indentation, numbered
 * lists, quotes, HTML, escapes, `_`/`*` emphasis that is not a plain `**` pair…) it gives up and
 * the parser reads the page. tests/agenda/plainMarkdown.test.ts checks that both agree.
 */
export interface PlainBlock {
  kind: 'heading' | 'item' | 'text';
  /** Heading level; 1 for an item (no nesting here); 0 for a paragraph. */
  level: number;
  /** Line number (in the body) of the block's first line. */
  line: number;
  /** Its lines cut into runs, as the parser's tree would give them. */
  rows: Part[][];
}

/** The blocks of a page without GFM syntax, or undefined when it uses more than the plain subset. */
export function plainBlocks(source: string): PlainBlock[] | undefined {
  if (/[\r\t\f\v\0\\`<]|&[#a-zA-Z0-9]+;|!\[/.test(source)) return undefined;
  const blocks: Array<{ kind: PlainBlock['kind']; level: number; line: number; text: string }> = [];
  // Whether the last block is a paragraph (or an item's) that a following text line continues.
  let open = false;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Trailing spaces are never text: a soft or hard break, or the end of the block.
    const line = (lines[i] as string).replace(/ +$/, '');
    const kind = lineKind(line);
    if (kind === undefined) return undefined;
    if (kind === 'blank') open = false;
    else if (kind === 'text' && open) (blocks[blocks.length - 1] as { text: string }).text += `\n${line}`;
    else {
      const heading = kind === 'heading' ? (/^#+/.exec(line) as RegExpExecArray)[0].length : 0;
      const text = kind === 'heading' ? line.slice(heading + 1) : kind === 'item' ? line.slice(2) : line;
      blocks.push({ kind, level: kind === 'item' ? 1 : heading, line: i + 1, text });
      open = kind !== 'heading';
    }
  }
  const out: PlainBlock[] = [];
  // Built field by field: a rest-and-spread copy per block was a tenth of this function's time.
  for (const { kind, level, line, text } of blocks) {
    const rows = inlineRows(text);
    if (!rows) return undefined;
    out.push({ kind, level, line, rows });
  }
  return out;
}

type LineKind = 'blank' | 'heading' | 'item' | 'text';

function lineKind(line: string): LineKind | undefined {
  if (line === '') return 'blank';
  // Indentation (code, nested lists, continuations) and other white space are the parser's.
  if (/^\s|\s$/.test(line)) return undefined;
  if (/^#{1,6} \S/.test(line)) return line.endsWith('#') ? undefined : 'heading';
  // Quotes, HTML, fences, other headings, thematic breaks, setext underlines, empty or numbered items.
  if (/^[#>~]|^([-*_])(?: *\1){2,} *$|^(?:=+|-+) *$|^[*+-]$|^\d{1,9}[.)](?: |$)/.test(line)) return undefined;
  if (/^[*+-] /.test(line)) return lineKind(line.slice(2)) === 'text' ? 'item' : undefined;
  return 'text';
}

/** micromark's classes of the character next to a `**`: 1 whitespace (or line edge), 2 punctuation. */
function classOf(text: string, at: number): 1 | 2 | undefined {
  if (at < 0 || at >= text.length) return 1;
  const char = text.charAt(at);
  if (/\s/.test(char)) return 1;
  return /\p{P}|\p{S}/u.test(char) ? 2 : undefined;
}

type Token = { kind: 'text'; text: string } | { kind: 'open' | 'close' } | { kind: 'link'; inner: Token[] };

/** A run of text with `**` pairs and links; undefined for anything whose reading is not plain. */
function inlineRows(text: string): Part[][] | undefined {
  if (/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/.test(text)) return undefined;
  const tokens = tokenize(text, 0, text.length);
  if (!tokens || !balanced(tokens)) return undefined;
  const rows: Part[][] = [[]];
  emit(tokens, { strong: false, link: false }, rows);
  return rows;
}

const LINK = /\[([^[\]\n]+)\]\(([^\s()<>\\[\]]+)\)/y;

/** The first `[`, `]` or `*` from `from`, else `to`: a scan, not a regex exec (a match array per mark). */
function nextSpecial(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2a || code === 0x5b || code === 0x5d) return i;
  }
  return to;
}

function tokenize(text: string, from: number, to: number): Token[] | undefined {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const at = nextSpecial(text, i, to);
    if (at > i) tokens.push({ kind: 'text', text: text.slice(i, at) });
    if (at === to) break;
    const read =
      text.charAt(at) === '[' ? link(text, at, to) : text.charAt(at) === '*' ? strongMark(text, at) : undefined;
    if (!read) return undefined;
    tokens.push(read.token);
    i = read.end;
  }
  return tokens;
}

/** `[text](destination)`, its text read for `**` pairs. */
function link(text: string, at: number, to: number): { token: Token; end: number } | undefined {
  LINK.lastIndex = at;
  const found = LINK.exec(text);
  if (!found || at + found[0].length > to) return undefined;
  const inner = tokenize(text, at + 1, at + 1 + (found[1] as string).length);
  if (!inner || !balanced(inner)) return undefined;
  return { token: { kind: 'link', inner }, end: at + found[0].length };
}

/** A `**` that only opens or only closes, by micromark's rules for `*` runs. */
function strongMark(text: string, at: number): { token: Token; end: number } | undefined {
  if (text.charAt(at + 1) !== '*' || text.charAt(at + 2) === '*') return undefined;
  const [before, after] = [classOf(text, at - 1), classOf(text, at + 2)];
  const opens = !after || (after === 2 && before !== undefined);
  const closes = !before || (before === 2 && after !== undefined);
  if (opens === closes) return undefined;
  return { token: { kind: opens ? 'open' : 'close' }, end: at + 2 };
}

/** `**` openers and closers alternate, each opener closed, with something between them. */
function balanced(tokens: readonly Token[]): boolean {
  let inside = false;
  let filled = false;
  for (const token of tokens) {
    if (token.kind === 'open') {
      if (inside) return false;
      [inside, filled] = [true, false];
    } else if (token.kind === 'close') {
      if (!inside || !filled) return false;
      inside = false;
    } else filled = true;
  }
  return !inside;
}

/** Parts cut at newlines, as the tree's text nodes are. */
function emit(tokens: readonly Token[], style: Omit<Part, 'text'>, rows: Part[][]): void {
  let strong = style.strong;
  for (const token of tokens) {
    if (token.kind === 'text') {
      // Most runs hold no newline: no split, no array of one piece.
      const pieces = token.text.includes('\n') ? token.text.split('\n') : [token.text];
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) rows.push([]);
        const piece = pieces[i] as string;
        if (piece !== '') (rows[rows.length - 1] as Part[]).push({ text: piece, strong, link: style.link });
      }
    } else if (token.kind === 'link') emit(token.inner, { strong, link: true }, rows);
    else strong = token.kind === 'open' || style.strong;
  }
}

/**
 * Markdown as a reader sees it: hidden comments, Hugo shortcodes and link targets are not text.
 * Block-level helpers keep every newline so that line numbers still point into the file.
 */

const blankKeepingLines = (hidden: string): string => hidden.replace(/[^\n]/g, '');

/** `<!--more-->` and commented-out lines are invisible on the site, so they are invisible here. */
export function hideComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, blankKeepingLines);
}

/** `{{< figure … >}}`, `{{% notice %}}`: Hugo templating, never content. */
export function dropShortcodes(text: string): string {
  return text.replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, blankKeepingLines);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: '’', lsquo: '‘' };

/** The visible text of one line: link text kept, targets, emphasis markers and tags dropped. */
export function inlineText(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:[^>\s]+)>/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(["'])[*_]+(?=\S)/g, '$1')
    .replace(/(?<=\S)[*_]+(?=$|[\s).,;:!?\]"'])/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/&(#\d+|[a-z]+);/g, (entity, name: string) =>
      name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? entity),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** For matching titles and names across a page: case, accents and punctuation do not count. */
export function matchKey(text: string): string {
  // Decomposing is the slow part, and plain ASCII has no accents to remove.
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return plain
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

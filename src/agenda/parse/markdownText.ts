/**
 * Page text before it is parsed: hidden comments and Hugo shortcodes are not text. Both keep
 * every newline so that line numbers still point into the file.
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

/** For matching titles and names across a page: case, accents and punctuation do not count. */
export function matchKey(text: string): string {
  // Decomposing is the slow part, and plain ASCII has no accents to remove.
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return plain
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

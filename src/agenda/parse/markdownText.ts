import { rememberingLast } from './recent.ts';

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

/** Printable ASCII: no accents to remove, and its only letters and digits are a-z and 0-9 once lower-cased. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export const isPlainAscii = (text: string): boolean => PLAIN_ASCII.test(text);

/**
 * For matching titles and names across a page: case, accents and punctuation do not count. The
 * last few texts are remembered: a programme line's text is keyed by the end-marker, placeholder
 * and leading-kind checks in turn, and a slot's title again when its details and kind are looked up.
 */
export const matchKey: (text: string) => string = rememberingLast(8, keyOf);

function keyOf(text: string): string {
  if (isPlainAscii(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

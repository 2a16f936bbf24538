/**
 * French typography, applied once to every French template by `defineMessages` so that no
 * catalogue can forget it: a narrow no-break space (U+202F) before `;` `:` `!` `?` and inside
 * « », and ’ for apostrophes. Only spaces already written are turned into U+202F before a colon:
 * `19:30`, `https://…`, `title:"…"` or `1:5` have none and stay as they are. Template parameters
 * (user or file text) are never touched: only the catalogue's own words are.
 */
export const NARROW_NBSP = '\u202f';

const SPACES = '[ \\u00a0\\u202f]';

export function frenchTypography(template: string): string {
  return (
    template
      // A space of any kind before high punctuation becomes one narrow no-break space.
      .replace(new RegExp(`${SPACES}+([;:!?])`, 'g'), `${NARROW_NBSP}$1`)
      // A forgotten space before ; ! ? ending a phrase ("Merci!"); never inside `a;b` or a URL's `?`.
      .replace(/([^\s\u202f])([;!?]+)(?=\s|$)/gu, `$1${NARROW_NBSP}$2`)
      .replace(new RegExp(`«${SPACES}*`, 'g'), `«${NARROW_NBSP}`)
      .replace(new RegExp(`${SPACES}*»`, 'g'), `${NARROW_NBSP}»`)
      // A typewriter apostrophe between letters: l'annonce → l’annonce.
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
  );
}

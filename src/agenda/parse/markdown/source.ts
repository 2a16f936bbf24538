import { dropShortcodes, hideComments } from '../markdownText.ts';

/**
 * The page text before it is parsed: comments are invisible on the site, and Hugo shortcodes are
 * templating — except a speaker shortcode (`{{< speaker "ada-martin" >}}`), which names a speaker
 * and becomes a `Speaker: Ada Martin` line. Line numbers are kept.
 */
export function prepareSource(body: string): string {
  return dropShortcodes(
    hideComments(body).replace(SPEAKER_SHORTCODE, (_, slug: string) => `Speaker: ${nameFromSlug(slug)}`),
  );
}

const SPEAKER_SHORTCODE =
  /\{\{[<%]\s*(?:speaker|intervenant|speakers?-card)\s+(?:(?:id|name|slug)=)?["']?([^"'\s>%]+)["']?[^>%]*[>%]\}\}/giu;

/** `ada-martin` → `Ada Martin`; a particle stays lower case (`jean-de-la-tour` → `Jean de la Tour`). */
function nameFromSlug(slug: string): string {
  return slug
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word, i) =>
      i > 0 && /^(?:de|du|des|da|di|van|von|der|le|la)$/.test(word)
        ? word
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

import { literal, plain, type Inline, type Text } from './text.ts';
import { frenchTypography } from './typography.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a client locale (`fr-CA`, `en-GB`, `en_US`) to one we speak, or undefined. */
export function toLocale(clientLocale: string | undefined): Locale | undefined {
  const base = clientLocale?.slice(0, 2).toLowerCase();
  return isLocale(base) ? base : undefined;
}

export type Param = string | number | Inline | Text;
export type Params = Record<string, Param>;

/**
 * A feature's messages in both languages. The type makes a key missing in either language a
 * compile error. Templates use `{name}`; keys ending in `_one` / `_other` are picked with
 * `Intl.PluralRules` from `params.count`.
 */
export interface Messages<K extends string> {
  t(locale: Locale, key: K, params?: Params): Text;
  /** The raw string, for places that are not rich text (form labels, command descriptions). */
  s(locale: Locale, key: K, params?: Record<string, string | number>): string;
  /** The string in every language, for command and option descriptions. */
  both(key: K): Record<Locale, string>;
  /** Every template as the bot says it (French typography applied), for checks over all catalogues. */
  readonly templates: Readonly<Record<Locale, Readonly<Record<string, string>>>>;
}

type PluralBase<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;

export function defineMessages<const K extends string>(written: {
  en: Record<K, string>;
  fr: Record<NoInfer<K>, string>;
}): Messages<PluralBase<K>> {
  const catalogue: Record<Locale, Record<string, string>> = {
    en: written.en,
    fr: mapValues(written.fr, frenchTypography),
  };
  const pick = (locale: Locale, key: string, params?: Record<string, unknown>): string => {
    const table: Record<string, string> = catalogue[locale];
    const count = params?.count;
    if (typeof count === 'number' && !(key in table)) {
      const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
      return table[`${key}_${form}`] ?? table[`${key}_other`] ?? key;
    }
    return table[key] ?? key;
  };
  const s = (locale: Locale, key: string, params?: Record<string, string | number>) =>
    pick(locale, key, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? formatValue(params[name] as string | number, locale) : whole,
    );
  return {
    t: (locale, key, params) => fill(pick(locale, key, params), locale, params ?? {}),
    s,
    both: (key) => ({ en: s('en', key), fr: s('fr', key) }),
    templates: catalogue,
  };
}

function mapValues(table: Record<string, string>, change: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, change(value)]));
}

function formatValue(value: string | number, locale: Locale): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
}

/** Splits a template on `{name}` and puts each parameter in as a token, never as markup. */
function fill(template: string, locale: Locale, params: Params): Text {
  const out: Text = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] as string;
    if (!(name in params)) continue;
    if (match.index > last) out.push(literal(template.slice(last, match.index)));
    out.push(...toText(params[name] as Param, locale));
    last = match.index + match[0].length;
  }
  if (last < template.length) out.push(literal(template.slice(last)));
  return out;
}

function toText(value: Param, locale: Locale): Text {
  if (typeof value === 'number') return [literal(formatValue(value, locale))];
  if (typeof value === 'string') return [plain(value)];
  return Array.isArray(value) ? value : [value];
}

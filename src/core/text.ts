import { DateTime } from 'luxon';

/**
 * Inline pieces of a reply. Literal catalogue text is trusted; anything that came from a person or
 * a file (titles, names, proposals) travels as `plain`, which every renderer escapes and which can
 * never become a mass mention or markup.
 */
export type TimeStyle = 'date' | 'time' | 'datetime' | 'relative';

export type Inline =
  | { type: 'literal'; text: string }
  | { type: 'plain'; text: string }
  /** Emphasised `plain`: the text may come from a person or a file, and is escaped the same way. */
  | { type: 'strong'; text: string }
  /** `at` is an ISO instant in UTC, so that a Reply survives being stored (JSON); see `instantOf`. */
  | { type: 'time'; at: string; style: TimeStyle }
  | { type: 'mention'; memberId: string; name: string }
  | { type: 'link'; url: string; label: string };

export type Text = Inline[];

export const literal = (text: string): Inline => ({ type: 'literal', text });
export const plain = (text: string): Inline => ({ type: 'plain', text });
export const strong = (text: string): Inline => ({ type: 'strong', text });
export const time = (at: DateTime, style: TimeStyle = 'datetime'): Inline => ({
  type: 'time',
  at: at.toUTC().toISO() as string,
  style,
});
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The instant of a time token, for renderers. The form `time()` writes is read by `Date.parse`:
 * luxon's ISO parser cost more than the rest of rendering a programme.
 */
export const instantOf = (inline: { at: string }): DateTime =>
  UTC_ISO.test(inline.at)
    ? DateTime.fromMillis(Date.parse(inline.at), { zone: 'utc' })
    : DateTime.fromISO(inline.at, { setZone: true });
export const mention = (memberId: string, name: string): Inline => ({ type: 'mention', memberId, name });
export const link = (url: string, label = url): Inline => ({ type: 'link', url, label });

/** Builds a Text from pieces; bare strings are user or file text, hence `plain`. */
export function text(...parts: Array<Inline | string | Text>): Text {
  return parts.flatMap((part) => (typeof part === 'string' ? [plain(part)] : Array.isArray(part) ? part : [part]));
}

/** Joins several texts with a literal separator. */
export function joinText(parts: Text[], separator: string): Text {
  return parts.flatMap((part, index) => (index === 0 ? part : [literal(separator), ...part]));
}

/**
 * Rich text as the plain words a field without markup can hold (a button or modal label, a
 * notification's summary): mentions as `@name`, links as their label, times as `timeWords` says.
 */
export function wordsOf(text: Text, timeWords: (inline: Extract<Inline, { type: 'time' }>) => string): string {
  return text
    .map((inline) => {
      switch (inline.type) {
        case 'time':
          return timeWords(inline);
        case 'mention':
          return `@${inline.name}`;
        case 'link':
          return inline.label;
        default:
          return inline.text;
      }
    })
    .join('');
}

/**
 * At most `max` characters (code points: an emoji is never cut in half), the last one an ellipsis
 * when something was cut. The one way text is shortened to fit a label, a title or a quote.
 */
export function truncate(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

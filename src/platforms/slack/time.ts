import { DateTime } from 'luxon';
import type { Locale } from '../../core/i18n.ts';
import { instantOf, type TimeStyle } from '../../core/text.ts';

/** Slack's date tokens for each style: every reader sees the instant in their own zone. */
const TOKENS: Record<TimeStyle, string> = {
  date: '{date_long_pretty}',
  time: '{time}',
  datetime: '{date_long_pretty} {time}',
  relative: '{ago}',
};

/**
 * `<!date^UNIX^{token}|fallback>`: the fallback (shown where Slack cannot format, e.g. in a
 * notification) is written in the community's zone and the reply's language.
 */
export function dateToken(inline: { at: string; style: TimeStyle }, zone: string, locale: Locale): string {
  const key = `${inline.at}|${inline.style}|${zone}|${locale}`;
  const known = tokens.get(key);
  if (known !== undefined) return known;
  const at = instantOf(inline);
  const token = `<!date^${Math.floor(at.toSeconds())}^${TOKENS[inline.style]}|${fallback(at, inline.style, zone, locale)}>`;
  // Formatting a date in words costs about 0.1 ms (Intl); a programme's few instants are asked for again and again.
  if (tokens.size >= TOKEN_CACHE_SIZE) tokens.clear();
  tokens.set(key, token);
  return token;
}

const TOKEN_CACHE_SIZE = 10_000;
const tokens = new Map<string, string>();

/** The instant as plain words in the community's zone, for places with no date token (headers, buttons). */
export function fallback(at: DateTime, style: TimeStyle, zone: string, locale: Locale): string {
  const local = at.setZone(zone).setLocale(locale);
  const date = local.toLocaleString(DateTime.DATE_HUGE);
  const clock = local.toLocaleString(DateTime.TIME_SIMPLE);
  if (style === 'date' || style === 'relative') return date;
  if (style === 'time') return clock;
  return `${date}, ${clock}`;
}

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
  const at = instantOf(inline);
  return `<!date^${Math.floor(at.toSeconds())}^${TOKENS[inline.style]}|${fallback(at, inline.style, zone, locale)}>`;
}

/** The instant as plain words in the community's zone, for places with no date token (headers, buttons). */
export function fallback(at: DateTime, style: TimeStyle, zone: string, locale: Locale): string {
  const local = at.setZone(zone).setLocale(locale);
  const date = local.toLocaleString(DateTime.DATE_HUGE);
  const clock = local.toLocaleString(DateTime.TIME_SIMPLE);
  if (style === 'date' || style === 'relative') return date;
  if (style === 'time') return clock;
  return `${date}, ${clock}`;
}

import { DateTime, type ToRelativeUnit } from 'luxon';
import type { Locale } from '../../core/i18n.ts';
import type { TimeStyle } from '../../core/text.ts';

/** How the console shows an instant: in the community's zone, in the reader's language. */
export function formatTime(at: DateTime, style: TimeStyle, zone: string, locale: Locale, now: DateTime): string {
  // One DateTime in the zone and language, and only the parts the style shows: a programme has many times.
  const local = DateTime.fromMillis(at.toMillis(), { zone, locale });
  const date = () => local.toLocaleString(DateTime.DATE_HUGE);
  const clock = () => local.toLocaleString(DateTime.TIME_SIMPLE);
  switch (style) {
    case 'date':
      return date();
    case 'time':
      return clock();
    case 'datetime':
      return `${date()}, ${clock()}`;
    case 'relative':
      return relative(local, now.setZone(zone), locale) ?? date();
  }
}

const FEW_SECONDS: Record<Locale, { ahead: string; behind: string }> = {
  fr: { ahead: 'dans quelques secondes', behind: 'à l’instant' },
  en: { ahead: 'in a few seconds', behind: 'just now' },
};

/**
 * Where people move to the next larger unit: 45 seconds make "a minute", 45 minutes "an hour",
 * 22 hours "a day", 26 days "a month", 11 months "a year" (the thresholds moment.js made familiar).
 */
const LIMITS: ReadonlyArray<[ToRelativeUnit, number]> = [
  ['minutes', 45],
  ['hours', 22],
  ['days', 26],
  ['months', 11],
];

/**
 * "in 7 days", "2 hours ago": rounded to the nearest unit, as people say it. Luxon's `toRelative`
 * truncates, so a reminder posted a few ms after it is due said "in 6 days" and 17:00 said a
 * 19:00 start was "in 1 hour". Days and longer are counted on the calendar of the zone (a DST
 * change does not turn 10 days into 9).
 */
function relative(at: DateTime, base: DateTime, locale: Locale): string | null {
  const ms = at.toMillis() - base.toMillis();
  if (Math.abs(ms) < 45_000) return ms > 0 ? FEW_SECONDS[locale].ahead : FEW_SECONDS[locale].behind;
  const unit =
    LIMITS.find(([name, limit]) => Math.round(Math.abs(at.diff(base, name).get(name))) < limit)?.[0] ?? 'years';
  return at.toRelative({ base, locale, unit, rounding: 'round' });
}

import { DateTime } from 'luxon';
import type { Locale } from '../../core/i18n.ts';
import type { TimeStyle } from '../../core/text.ts';

const JUST_NOW_SECONDS = 45;
const JUST_NOW: Record<Locale, string> = { fr: 'à l’instant', en: 'just now' };

/** How the console shows an instant: in the community's zone, in the reader's language. */
export function formatTime(at: DateTime, style: TimeStyle, zone: string, locale: Locale, now: DateTime): string {
  const local = at.setZone(zone).setLocale(locale);
  const date = local.toLocaleString(DateTime.DATE_HUGE);
  const clock = local.toLocaleString(DateTime.TIME_SIMPLE);
  switch (style) {
    case 'date':
      return date;
    case 'time':
      return clock;
    case 'datetime':
      return `${date}, ${clock}`;
    case 'relative':
      // Luxon says "in 0 seconds" for an instant that is now: say it as a person would.
      if (Math.abs(at.diff(now).as('seconds')) < JUST_NOW_SECONDS) return JUST_NOW[locale];
      return local.toRelative({ base: now.setZone(zone), locale }) ?? date;
  }
}

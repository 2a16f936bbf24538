import { DateTime } from 'luxon';
import type { Locale } from '../core/i18n.ts';
import { announceMessages as m } from './messages.ts';

/**
 * A community's zone as people say it, for messages about when something runs: "Paris time",
 * "l’heure de Paris", rather than the IANA id `Europe/Paris`. The city is the id's last segment
 * (`America/Argentina/Buenos_Aires` → Buenos Aires); a zone that names no city (`UTC`,
 * `Etc/GMT+5`) is named by its offset, as luxon writes it (`UTC`, `GMT-5`).
 */
export function zoneTime(zone: string, locale: Locale): string {
  if (!zone.includes('/') || zone.startsWith('Etc/')) {
    return m.s(locale, 'zoneOffset', { offset: DateTime.utc().setZone(zone).setLocale('en').offsetNameShort ?? zone });
  }
  const city = (zone.split('/').pop() as string).replaceAll('_', ' ');
  // French elides "de" before a vowel: l’heure d’Amsterdam.
  return m.s(locale, /^[aeiouyàâéèêîôû]/i.test(city) ? 'zoneCityVowel' : 'zoneCity', { city });
}

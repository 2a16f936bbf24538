import { Duration } from 'luxon';

/**
 * A duration as an organiser reads it: `P7D` → "7 days", `PT1H30M` → "1 hour and 30 minutes",
 * 604 800 000 ms → "7 days". Configuration messages are in English, like the rest of the logs.
 * Undefined when the value is not a duration.
 */
export function readableDuration(value: string | number): string | undefined {
  const duration =
    typeof value === 'number'
      ? Duration.fromMillis(value).shiftTo('days', 'hours', 'minutes', 'seconds', 'milliseconds')
      : Duration.fromISO(value.trim().toUpperCase());
  if (!duration.isValid) return undefined;
  const units = Object.fromEntries(Object.entries(duration.toObject()).filter(([, amount]) => amount !== 0));
  if (Object.keys(units).length === 0) return '0 seconds';
  return Duration.fromObject(units, { locale: 'en' }).toHuman({ listStyle: 'long' });
}

/** `"P30D" (30 days)` for a value written as an ISO 8601 duration, else undefined. */
export function durationNote(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\s*P/i.test(value)) return undefined;
  const readable = readableDuration(value);
  return readable && ` (${readable})`;
}

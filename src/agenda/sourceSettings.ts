import { Duration } from 'luxon';
import { z } from 'zod';
import { readableDuration } from '../config/durations.ts';

const MINUTE = 60_000;

/** How often a source is fetched: an ISO 8601 duration from 1 minute to 1 day, kept as ms. */
const every = z.string().transform((value, ctx) => {
  const parsed = Duration.fromISO(value.trim().toUpperCase());
  const ms = parsed.isValid ? parsed.toMillis() : Number.NaN;
  if (!(ms >= MINUTE && ms <= 1440 * MINUTE)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected an ISO 8601 duration from 1 minute to 1 day, such as "PT15M" (${readableDuration('PT15M')})`,
    });
    return z.NEVER;
  }
  return ms;
});

/** http(s) only: a `file:` or `ftp:` address is a typo for an event folder, not a published schedule. */
const url = z.url({
  protocol: /^https?$/,
  error: 'expected an http:// or https:// address of a published schedule or calendar feed',
});

const source = z.strictObject({
  url,
  /** How often it is fetched (default 15 minutes); a fetch sends ETag / If-Modified-Since. */
  every: every.default(15 * MINUTE),
  /** Failed fetches in a row after which the organisers are told (default 3). */
  tellAfter: z.number().int().min(1).max(100).default(3),
});

/**
 * `sources:` in a community file: published schedules read besides the event folder: a pretalx
 * schedule (`…/schedule/export/schedule.json`), a Sessionize API endpoint (`…/view/All`), a
 * Meetup.com or Luma group iCal feed. A bare address takes the defaults.
 */
export const sourceSettingsSchema = z
  .array(z.preprocess((value) => (typeof value === 'string' ? { url: value } : value), source))
  .max(20)
  .default([]);

export type SourceSettings = z.infer<typeof sourceSettingsSchema>[number];

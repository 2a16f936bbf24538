import { Duration } from 'luxon';
import { z } from 'zod';
import { readableDuration } from '../config/durations.ts';

/** An ISO 8601 duration (`P7D`, `PT1H`, `PT10M`, `PT2S`), kept as milliseconds. */
function duration(example: string, min = 0, max = 366 * 86_400_000) {
  return z.string().transform((value, ctx) => {
    const parsed = Duration.fromISO(value.trim().toUpperCase());
    const ms = parsed.isValid ? parsed.toMillis() : Number.NaN;
    if (!(ms >= min && ms <= max)) {
      const range = `from ${readableDuration(min)} to ${readableDuration(max)}`;
      ctx.addIssue({
        code: 'custom',
        message: `expected an ISO 8601 duration ${range}, such as "${example}" (${readableDuration(example)})`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

/**
 * `reminders:` in a community file. Every field has a default: posts 7 days, 1 day and 1 hour
 * before each event, a "doors open" post at its start and a feedback prompt at its end, all in
 * `channels.announcements` (no such channel: no reminders, and a warning at start-up).
 */
export const reminderSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** How long before the start of each event a reminder is posted. */
    before: z
      .array(duration('P7D', 60_000))
      .max(10)
      .refine((list) => new Set(list).size === list.length, { message: 'offsets must not repeat' })
      .default([7 * 86_400_000, 86_400_000, 3_600_000]),
    doorsOpen: z.boolean().default(true),
    feedback: z.boolean().default(true),
  })
  .prefault({});

/**
 * `schedule:` in a community file: how scheduled posts (reminders and `/announce`) behave.
 * - `startingDeadline`: an occurrence missed (bot down, machine asleep) is still posted if at most
 *   this late, else recorded as missed (Kubernetes CronJob's `startingDeadlineSeconds`).
 * - `catchUp`: of the occurrences due when the bot comes back (still within the deadline),
 *   `latest` posts only the most recent and records the others as missed (Kubernetes CronJob:
 *   three identical "tick" posts at once help no one); `all` posts each.
 * - `retries`, `retryDelay` (doubled after each failure), `postTimeout` (one attempt).
 * - `channels`: channels `/announce channel:` may name besides those of `channels:`.
 * - `retention`: how long the store remembers that an occurrence was posted (its settled claim)
 *   before forgetting it, so claims do not pile up for ever. Far longer than `startingDeadline`:
 *   an occurrence is never due again that late.
 */
export const scheduleSettingsSchema = z
  .strictObject({
    startingDeadline: duration('PT10M', 1_000, 7 * 86_400_000).default(600_000),
    catchUp: z.enum(['latest', 'all']).default('latest'),
    retries: z.number().int().min(0).max(10).default(3),
    retryDelay: duration('PT2S', 100, 3_600_000).default(2_000),
    postTimeout: duration('PT15S', 500, 600_000).default(15_000),
    channels: z.array(z.string().min(1)).default([]),
    retention: duration('P30D', 86_400_000, 366 * 86_400_000).default(30 * 86_400_000),
  })
  .prefault({});

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

/**
 * How long a claim on an occurrence is held: every attempt with its timeout, every backoff delay,
 * plus a margin. A process that dies holding one is replaced when it expires.
 */
export function leaseMs(settings: ScheduleSettings): number {
  let total = (settings.retries + 1) * settings.postTimeout + 5_000;
  for (let i = 0; i < settings.retries; i++) total += settings.retryDelay * 2 ** i * 1.2;
  return Math.ceil(total);
}

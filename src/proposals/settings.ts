import { Duration, type DateTime } from 'luxon';
import { z } from 'zod';
import type { MeetupEvent } from '../agenda/event.ts';

/**
 * How long before the event start a call-for-proposals boundary lies: an ISO 8601 duration
 * (`P30D`, `P2W`, `PT12H`, `PT0S`) or a whole number of days (`30`).
 */
const beforeEvent = z.union([z.number().int().min(0).max(3650), z.string()]).transform((value, ctx) => {
  const iso = typeof value === 'number' ? `P${value}D` : value.trim().toUpperCase();
  const duration = Duration.fromISO(iso);
  if (!duration.isValid || duration.toMillis() < 0) {
    ctx.addIssue({
      code: 'custom',
      message:
        'expected an ISO 8601 duration before the event, such as "P30D" (30 days) or "PT12H" (12 hours), or a number of days',
    });
    return z.NEVER;
  }
  return iso;
});

/**
 * `proposals:` in a community file: the lightning-talk call for proposals. Every field has a
 * default, so a community that writes nothing gets: CfP open from publication of the event until
 * it starts, 4 lightning slots (and no limit on their minutes), at most 3 proposals waiting for a decision per member, 5 or 10 minutes.
 */
export const proposalSettingsSchema = z
  .strictObject({
    /** Lightning slots per event; accepting more is refused. */
    capacity: z.number().int().min(0).max(50).default(4),
    /**
     * Length of the lightning block, in minutes; no default (no limit on minutes). An acceptance
     * must fit both limits: one more talk within `capacity`, its minutes within what is left.
     */
    minutes: z.number().int().min(1).max(600).optional(),
    /** Proposals a member may have waiting for a decision (state `submitted`) at once. */
    maxOpenPerMember: z.number().int().min(1).max(100).default(3),
    /** Talk lengths a speaker may choose, in minutes. */
    durations: z
      .array(z.number().int().min(1).max(60))
      .min(1)
      .max(10)
      .refine((list) => new Set(list).size === list.length, { message: 'durations must not repeat' })
      .default([5, 10]),
    cfp: z
      .strictObject({
        /** Opens this long before the event starts; absent: open as soon as the event is published. */
        opens: beforeEvent.optional(),
        /** Closes this long before the event starts (default `PT0S`: at the start). */
        closes: beforeEvent.default('PT0S'),
      })
      .prefault({}),
  })
  .refine((settings) => settings.minutes === undefined || settings.durations.some((d) => d <= settings.minutes!), {
    message: 'minutes is shorter than every talk length of durations: no talk could ever be accepted',
    path: ['minutes'],
  })
  .prefault({});

export type ProposalSettings = z.infer<typeof proposalSettingsSchema>;

export interface CfpWindow {
  /** Undefined: open since the event was published. */
  opens?: DateTime;
  closes: DateTime;
}

/** The call for proposals of one event. Per-event overrides would be merged here. */
export function cfpWindow(event: MeetupEvent, settings: ProposalSettings): CfpWindow {
  const opens = settings.cfp.opens === undefined ? undefined : event.start.minus(Duration.fromISO(settings.cfp.opens));
  return { opens, closes: event.start.minus(Duration.fromISO(settings.cfp.closes)) };
}

export type CfpStatus = 'open' | 'not-yet' | 'closed' | 'past';

export function cfpStatus(event: MeetupEvent, settings: ProposalSettings, now: DateTime): CfpStatus {
  if (event.start <= now) return 'past';
  const window = cfpWindow(event, settings);
  if (window.opens && now < window.opens) return 'not-yet';
  return now < window.closes ? 'open' : 'closed';
}

import { IANAZone } from 'luxon';
import { z } from 'zod';
import { reminderSettingsSchema, scheduleSettingsSchema } from '../announcements/settings.ts';
import { proposalSettingsSchema } from '../proposals/settings.ts';
import { feedbackSettingsSchema } from '../feedback/settings.ts';

/**
 * `config/communities/<id>.yaml`, validated at start-up. Strict objects: an unknown key is an
 * error, so a typo is never silently ignored. Feature settings live beside their feature and are
 * composed here.
 */
const timezone = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  message: 'expected an IANA time zone such as "Europe/Paris" or "America/Toronto"',
});

const idList = z.array(z.coerce.string()).default([]);

export const communitySchema = z.strictObject({
  name: z.string().min(1),
  timezone,
  locale: z.enum(['fr', 'en']),
  organisers: z.strictObject({ users: idList, roles: idList }).default({ users: [], roles: [] }),
  channels: z
    .strictObject({ announcements: z.string().min(1).optional(), organisers: z.string().min(1).optional() })
    .default({}),
  discord: z.strictObject({ guildId: z.coerce.string().min(1) }).optional(),
  slack: z.strictObject({ teamId: z.string().min(1) }).optional(),
  /** Folder of this community's event files, relative to the config folder. */
  events: z.string().min(1).optional(),
  /** Reminders before and after each event (src/announcements/settings.ts). */
  reminders: reminderSettingsSchema,
  /** Scheduled posts: starting deadline, retries (src/announcements/settings.ts). */
  schedule: scheduleSettingsSchema,
  /** Lightning-talk call for proposals: window, slots, limits (src/proposals/settings.ts). */
  proposals: proposalSettingsSchema,
  /** Post-event feedback: answer window, anonymity threshold (src/feedback/settings.ts). */
  feedback: feedbackSettingsSchema,
});

export type CommunitySettings = z.infer<typeof communitySchema>;

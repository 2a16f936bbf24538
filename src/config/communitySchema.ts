import { IANAZone } from 'luxon';
import { z } from 'zod';
import { sourceSettingsSchema } from '../agenda/sourceSettings.ts';
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

/**
 * A platform id. Discord's are 17 to 20 digits: written without quotes, YAML reads them as a
 * number and rounds them (123456789012345678 becomes ...680), so only short numbers are taken as
 * numbers; a long one is refused with the fix.
 */
const platformId = z.preprocess(
  (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value),
  z
    .string({
      // A missing id keeps the usual "is required"; a wrong one says how to write it.
      error: (issue) =>
        issue.input === undefined
          ? undefined
          : 'expected an id as text: write it in quotes, e.g. "123456789012345678" (unquoted, YAML rounds a long number)',
    })
    .min(1),
);

const idList = z.array(platformId).default([]);

/** Where a platform posts: announcements and reminders, and notices for organisers. */
const channels = z
  .strictObject({ announcements: z.string().min(1).optional(), organisers: z.string().min(1).optional() })
  .default({});

export const communitySchema = z.strictObject({
  name: z.string().min(1),
  timezone,
  locale: z.enum(['fr', 'en']),
  /** The console's organisers (user names; `--as organiser` vouches too). Platforms have their own lists. */
  organisers: z.strictObject({ users: idList, roles: idList }).default({ users: [], roles: [] }),
  /** The console's channels. Platforms name their own in their section. */
  channels,
  discord: z
    .strictObject({
      guildId: platformId,
      channels,
      /** Discord role names or ids whose members are organisers. */
      organiserRoles: idList,
      /** Discord user ids of organisers. */
      organisers: idList,
    })
    .optional(),
  slack: z
    .strictObject({
      teamId: platformId,
      channels,
      /** Slack user ids (`U…`) of organisers. */
      organisers: idList,
      /** Slack user group ids (`S…`) whose members are organisers. */
      organiserGroups: idList,
    })
    .optional(),
  /** Folder of this community's event files, relative to the config folder. */
  events: z.string().min(1).optional(),
  /** Published schedules and calendar feeds read besides the event folder (src/agenda/sourceSettings.ts). */
  sources: sourceSettingsSchema,
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

import { IANAZone } from 'luxon';
import { z } from 'zod';

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
});

export type CommunitySettings = z.infer<typeof communitySchema>;

import { z } from 'zod';

/**
 * `feedback:` in a community file. Every field has a default, so a community that writes nothing
 * gets: answers accepted for 14 days after a meetup ends, totals shown from 3 answers on.
 */
export const feedbackSettingsSchema = z
  .strictObject({
    /** Days after a meetup ends during which members may answer (and change their answer). */
    windowDays: z.number().int().min(1).max(365).default(14),
    /** Below this many answers, organisers see only the count: no average, histogram, comments or export. */
    minResponses: z.number().int().min(1).max(1000).default(3),
  })
  .prefault({});

export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;

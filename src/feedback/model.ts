import { z } from 'zod';
import { decodeRecord, type Decoded } from '../store/versionedRecord.ts';

/**
 * Feedback as stored (keyv namespace `feedback`). `v` is the record's schema version: a reader
 * meets an unknown version or a damaged record as one unreadable record (logged), never a crash.
 * No record holds a member id: answers are keyed by an HMAC of it (memberKey.ts).
 */
export const RECORD_VERSION = 1;

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const RATINGS = [1, 2, 3, 4, 5] as const;

const rating = z.number().int().min(RATING_MIN).max(RATING_MAX);
const memberKey = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 64-digit hex member key');
const seq = z.number().int().positive();

/** One member's answer about one meetup; a new answer from the same member replaces it. */
export const responseSchema = z.object({
  v: z.literal(RECORD_VERSION),
  /** Position of this answer in the event's submission log (`log:` keys). */
  seq,
  /** When it was given, ISO in UTC. */
  at: z.iso.datetime({ offset: true }),
  rating,
  worked: z.string().optional(),
  improve: z.string().optional(),
  /** Talk number (as listed by /feedback, from 1) → rating. */
  talks: z.record(z.string().regex(/^[1-9]\d*$/), rating),
});
export type StoredResponse = z.infer<typeof responseSchema>;

/** Submission log entry `log:c:e:N`: whose answer was the N-th submission. */
export const logEntrySchema = z.object({ v: z.literal(RECORD_VERSION), m: memberKey });

/** Comment log entry `note:c:e:N`: the N-th submission that carried a comment, and its `seq`. */
export const noteEntrySchema = z.object({ v: z.literal(RECORD_VERSION), m: memberKey, s: seq });

/** The generated key used when `EMCEE_FEEDBACK_SECRET` is not set. */
export const secretSchema = z.object({
  v: z.literal(RECORD_VERSION),
  secret: z.string().min(32),
  createdAt: z.string(),
});

/** What a member says; the rest (seq, time) is the bot's. */
export interface Answer {
  rating: number;
  worked?: string;
  improve?: string;
  /** Talk number → rating. */
  talks: Record<number, number>;
}

export function hasComment(answer: Pick<Answer, 'worked' | 'improve'>): boolean {
  return Boolean(answer.worked || answer.improve);
}

export type { Decoded } from '../store/versionedRecord.ts';

/** Checks a stored value of this feature's record version; the problem names what is wrong, for the log. */
export const decode = <T>(schema: z.ZodType<T>, raw: unknown): Decoded<T> => decodeRecord(schema, raw, RECORD_VERSION);

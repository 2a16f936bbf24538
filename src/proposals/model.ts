import { z } from 'zod';
import type { Platform } from '../core/invocation.ts';
import { decodeRecord, type Decoded } from '../store/versionedRecord.ts';

/**
 * A lightning-talk proposal as stored (keyv namespace `proposals`). Instants are ISO strings in
 * UTC. `v` is the record's schema version: a reader meets an unknown version as an unreadable
 * record, never as a crash.
 */
export const PROPOSAL_STATES = ['submitted', 'accepted', 'rejected', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** Version of the proposal record: 2 names the speaker's platform; 1 is still read (decodeProposal). */
export const PROPOSAL_VERSION = 2;
/** Version of the index records. */
export const RECORD_VERSION = 1;

export const PLATFORMS = ['console', 'discord', 'slack'] as const satisfies readonly Platform[];

const instant = z.iso.datetime({ offset: true });

const historyEntrySchema = z.object({
  action: z.enum(['submitted', 'edited', 'accepted', 'rejected', 'withdrawn']),
  /** Member id of whoever did it. */
  by: z.string().min(1),
  at: instant,
  reason: z.string().optional(),
});

const speakerV1Schema = z.object({
  memberId: z.string().min(1),
  name: z.string(),
  handle: z.string().optional(),
  bio: z.string().optional(),
  /** The speaker's client language when they proposed, for the notices they receive. */
  locale: z.enum(['fr', 'en']).optional(),
});

/** A member id means something on one platform only: the speaker's is kept, for the notices they receive. */
const speakerSchema = speakerV1Schema.extend({ platform: z.enum(PLATFORMS) });

export const proposalSchema = z.object({
  v: z.literal(PROPOSAL_VERSION),
  id: z.number().int().positive(),
  communityId: z.string().min(1),
  eventId: z.string().min(1),
  title: z.string(),
  abstract: z.string(),
  duration: z.number().int().positive(),
  speaker: speakerSchema,
  state: z.enum(PROPOSAL_STATES),
  submittedAt: instant,
  updatedAt: instant,
  history: z.array(historyEntrySchema).min(1),
});

/** Version 1: the speaker without a platform. */
const proposalV1Schema = proposalSchema.extend({ v: z.literal(1), speaker: speakerV1Schema });

export type Proposal = z.infer<typeof proposalSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type Speaker = Proposal['speaker'];

/** What a speaker writes; the rest is decided by the bot. */
export interface ProposalFields {
  title: string;
  abstract: string;
  duration: number;
  bio?: string;
  handle?: string;
}

/** An index of proposal ids (of a member; accepted for an event, in acceptance order). */
export const indexSchema = z.object({ v: z.literal(RECORD_VERSION), ids: z.array(z.number().int().positive()) });
export type IndexRecord = z.infer<typeof indexSchema>;

/**
 * The index of an event's proposals, in submission order, with each one's state: the running
 * summary that lets `/proposals` count and page without reading every record. The state here is
 * written under the same event lease as the record's, right after it.
 */
export const eventIndexSchema = z.object({
  v: z.literal(RECORD_VERSION),
  entries: z.array(z.object({ id: z.number().int().positive(), state: z.enum(PROPOSAL_STATES) })),
});
export type EventIndexRecord = z.infer<typeof eventIndexSchema>;
export type EventEntry = EventIndexRecord['entries'][number];

export type { Decoded } from '../store/versionedRecord.ts';

/** Checks a stored value of this feature's record version; the problem names what is wrong, for the log. */
export const decode = <T>(schema: z.ZodType<T>, raw: unknown): Decoded<T> => decodeRecord(schema, raw, RECORD_VERSION);

/**
 * A stored proposal of any version this emcee reads, as the current version. Version 1 was written
 * when the console was the only platform that shipped, so its speaker is a console member.
 */
export function decodeProposal(raw: unknown): Decoded<Proposal> {
  if (raw !== null && typeof raw === 'object' && (raw as { v?: unknown }).v === 1) {
    const old = decodeRecord(proposalV1Schema, raw, 1);
    if (!old.ok) return old;
    return {
      ok: true,
      value: { ...old.value, v: PROPOSAL_VERSION, speaker: { ...old.value.speaker, platform: 'console' } },
    };
  }
  return decodeRecord(proposalSchema, raw, PROPOSAL_VERSION);
}

import type { Platform } from '../core/invocation.ts';

/** A schedule an organiser created with `/announce`, as stored. */
export interface ScheduleRecord {
  communityId: string;
  /** Short number, per community (`/announce cancel 3`). */
  id: number;
  /** Where it is posted, on `platform`; with `everywhere`, the channel named on the platform it was created on. */
  channel: string;
  /** The platform of `channel`; absent in records written when the console was the only platform. */
  platform?: Platform;
  /** No channel was named: posted in the announcements channel of every platform the community is on. */
  everywhere?: boolean;
  message: string;
  /** One shot: the instant (ms since epoch). */
  at?: number;
  /** Recurring: a node-cron expression read in the community's zone. */
  cron?: string;
  createdBy: string;
  createdAt: number;
  /** Occurrences at or before this instant are never posted (creation, or the last resume). */
  from: number;
  paused?: { by: 'organiser' | 'channel'; at: number; reason?: string };
}

/** What the scheduler loads at start-up for every schedule. */
export type ScheduleTiming = Omit<ScheduleRecord, 'message' | 'createdBy' | 'createdAt'>;
/** What is read only to post or list it. */
export type ScheduleContent = Pick<ScheduleRecord, 'message' | 'createdBy' | 'createdAt'>;

export type Result = 'posted' | 'failed' | 'missed';

/** What became of an occurrence. */
export interface OccurrenceOutcome {
  /** The occurrence's scheduled instant. */
  at: number;
  result: Result;
  /** Why it failed or was missed, for `/announce list`. */
  reason?: string;
  /** Missed occurrences recorded together (a long outage). */
  count?: number;
  recordedAt: number;
}

/**
 * Per-schedule progress. `watermark`: every occurrence at or before it has an outcome, so start-up
 * only considers later ones. Written by the process that recorded an outcome; a lagging value is
 * harmless (claims stop a second post), a value ahead of an unfinished occurrence never written.
 */
export interface ScheduleState {
  watermark: number;
  /** The outcome of the latest occurrence (latestOutcome in outcomes.ts picks it). */
  last?: OccurrenceOutcome;
  /** The latest missed record, kept when a later run is posted (the runs a catch-up passed over). */
  missed?: OccurrenceOutcome;
  /** Reminders only: posting stopped because the channel no longer exists (its `targetLabel`). */
  pausedChannel?: string;
}

export const scheduleKey = (communityId: string, id: number) => `${communityId}:${id}`;

/** The identity of one occurrence: what is claimed, and the idempotency key handed to the platform. */
export const occurrenceKey = (communityId: string, id: number, at: number) =>
  `${communityId}:${id}:${new Date(at).toISOString()}`;

export const reminderKey = (communityId: string, eventId: string, kind: string, at: number) =>
  `${communityId}:reminder:${eventId}:${kind}:${new Date(at).toISOString()}`;

/** Where one occurrence is posted. */
export interface Target {
  platform: Platform;
  channel: string;
}

/**
 * A target as it is written in states and shown: the console's channel as it always was, another
 * platform's prefixed with it (`discord:annonces`), as two platforms may have a channel of one name.
 */
export const targetLabel = (target: Target): string =>
  target.platform === 'console' ? target.channel : `${target.platform}:${target.channel}`;

/**
 * The claim and idempotency key of an occurrence on one target: one claim per platform, so each
 * platform gets it exactly once. The console's is the occurrence key itself, as stored before
 * several platforms existed, so claims and outcomes written then stay valid.
 */
export const targetKey = (occurrence: string, platform: Platform): string =>
  platform === 'console' ? occurrence : `${occurrence}@${platform}`;

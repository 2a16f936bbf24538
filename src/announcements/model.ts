/** A schedule an organiser created with `/announce`, as stored. */
export interface ScheduleRecord {
  communityId: string;
  /** Short number, per community (`/announce cancel 3`). */
  id: number;
  channel: string;
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
  /** Reminders only: posting stopped because the channel no longer exists. */
  pausedChannel?: string;
}

export const scheduleKey = (communityId: string, id: number) => `${communityId}:${id}`;

/** The identity of one occurrence: what is claimed, and the idempotency key handed to the platform. */
export const occurrenceKey = (communityId: string, id: number, at: number) => `${communityId}:${id}:${new Date(at).toISOString()}`;

export const reminderKey = (communityId: string, eventId: string, kind: string, at: number) =>
  `${communityId}:reminder:${eventId}:${kind}:${new Date(at).toISOString()}`;


import type { MeetupEvent } from '../event.ts';

/** Where some of a community's events come from (its folder, one source), kept up to date. */
export interface AgendaPart {
  /** The events as last read well. */
  readonly events: readonly MeetupEvent[];
  /** Begins watching or polling; the part's `changed` callback follows each new reading. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

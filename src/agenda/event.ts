import type { DateTime } from 'luxon';

/** What a slot of the programme is, which decides how it is shown and whether it can be rated. */
export type SlotKind = 'talk' | 'lightning' | 'welcome' | 'break' | 'food' | 'news';

export interface Speaker {
  name: string;
  /** Social handle without the leading @ (e.g. `tormath1`). */
  handle?: string;
  affiliation?: string;
  bio?: string;
}

/**
 * One line of the programme. Times are instants (UTC DateTime); a recap page without times gives
 * slots with no start, shown in order.
 */
export interface Slot {
  start?: DateTime;
  /**
   * Absent only when `start` is. An open-ended line (`20h45 : Pizza Time`) ends where the next slot
   * starts, else at the event's written end, else 45 minutes after it starts.
   */
  end?: DateTime;
  title: string;
  kind: SlotKind;
  speakers: Speaker[];
  abstract?: string;
  /** Length of an untimed slot, when known (an accepted lightning talk: 5 or 10 minutes). */
  minutes?: number;
  /** Where in the venue, when a schedule has several rooms (a conference track). */
  room?: string;
  /**
   * A talk not named yet (`TBA`, `à venir`): shown as "to be announced" in the reader's language.
   * `title` keeps the English words for what has no reader (a calendar file).
   */
  placeholder?: true;
}

/** A meetup as the bot knows it: parsed from an event file, instants in UTC. */
export interface MeetupEvent {
  /** From the file name (`2019-09-18-meetup-4.md` → `2019-09-18-meetup-4`). */
  id: string;
  /** From the title (`#4 …` → 4). */
  number?: number;
  title: string;
  start: DateTime;
  end: DateTime;
  /** The community's IANA zone, in which the file's wall-clock times were read. */
  timezone: string;
  venue?: string;
  /** Online link (video call, stream). */
  online?: string;
  /** Link to the public event page (meetup.com…). */
  url?: string;
  description?: string;
  slots: Slot[];
  /** Problems found while reading the file that did not stop it (contradicting offset…). */
  warnings: string[];
  /** Path of the file it was read from, for messages. */
  source: string;
}

/** The order of the agenda, the same wherever it is built: by start, then by id. */
export const byStartThenId = (a: MeetupEvent, b: MeetupEvent): number =>
  a.start.toMillis() - b.start.toMillis() || a.id.localeCompare(b.id);

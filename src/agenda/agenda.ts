import type { DateTime } from 'luxon';
import { byStartThenId, type MeetupEvent, type Slot } from './event.ts';

/** What is on at an instant of a meetup evening. */
export interface OnNow {
  event: MeetupEvent;
  /** Every slot on at that instant: a conference runs sessions in parallel rooms. */
  current: Slot[];
  next?: Slot;
}

/**
 * One community's meetups, sorted by start then id, answering the agenda's questions. Lookups are
 * binary searches or map hits so that `/agenda` stays fast with years of events loaded. When two
 * meetups share a number, a date or a start (reported at load), the first in that order answers.
 */
export class Agenda {
  private readonly events: readonly MeetupEvent[];
  private readonly starts: number[];
  private readonly byId = new Map<string, MeetupEvent>();
  private readonly byNumber = new Map<number, MeetupEvent>();
  private readonly byDate = new Map<string, MeetupEvent>();

  constructor(events: readonly MeetupEvent[]) {
    this.events = [...events].sort(byStartThenId);
    this.starts = this.events.map((event) => event.start.toMillis());
    for (const event of this.events) {
      this.byId.set(event.id, event);
      if (event.number !== undefined && !this.byNumber.has(event.number)) this.byNumber.set(event.number, event);
      const date = event.start.setZone(event.timezone).toISODate() ?? '';
      if (!this.byDate.has(date)) this.byDate.set(date, event);
    }
  }

  all(): readonly MeetupEvent[] {
    return this.events;
  }

  /** The meetup in progress, else the first one still to come. */
  next(now: DateTime): MeetupEvent | undefined {
    const inProgress = this.inProgress(now);
    return inProgress ?? this.events[this.firstStartAfter(now.toMillis())];
  }

  /** The last meetup that has ended at `now`. */
  lastEnded(now: DateTime): MeetupEvent | undefined {
    const at = now.toMillis();
    for (let i = this.firstStartAfter(at) - 1; i >= 0; i--) {
      const event = this.events[i] as MeetupEvent;
      if (event.end.toMillis() <= at) return event;
    }
    return undefined;
  }

  /** By number (`4`, `#4`), date (`2019-09-18`) or id (`2019-09-18-meetup-4`). */
  find(ref: string): MeetupEvent | undefined {
    const trimmed = ref.trim().replace(/^#/, '');
    if (/^\d+$/.test(trimmed)) return this.byNumber.get(Number(trimmed));
    return this.byDate.get(trimmed) ?? this.byId.get(trimmed);
  }

  /** The slot on at `now` and the one after it, if a meetup is in progress. */
  onNow(now: DateTime): OnNow | undefined {
    const event = this.inProgress(now);
    if (!event) return undefined;
    const at = now.toMillis();
    const timed = event.slots.filter((slot) => slot.start);
    const current = timed.filter((slot) => slot.start!.toMillis() <= at && at < (slot.end ?? event.end).toMillis());
    const next = timed.find((slot) => slot.start!.toMillis() > at);
    return { event, current, next };
  }

  private inProgress(now: DateTime): MeetupEvent | undefined {
    const at = now.toMillis();
    // Meetups last hours, not weeks: looking back over a few neighbours is enough.
    const first = this.firstStartAfter(at);
    for (let i = first - 1; i >= Math.max(0, first - 4); i--) {
      const event = this.events[i] as MeetupEvent;
      if (event.end.toMillis() > at) return this.firstInProgressStartingWith(i, at);
    }
    return undefined;
  }

  /** Of the meetups starting at the same instant as events[i] and still on, the first in order. */
  private firstInProgressStartingWith(i: number, at: number): MeetupEvent {
    let first = i;
    for (let j = i - 1; j >= 0 && this.starts[j] === this.starts[i]; j--) {
      if ((this.events[j] as MeetupEvent).end.toMillis() > at) first = j;
    }
    return this.events[first] as MeetupEvent;
  }

  /** Index of the first event starting strictly after `at`. */
  private firstStartAfter(at: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.starts[mid] as number) <= at) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** A port through which accepted lightning talks join the programme (implemented by proposals). */
export interface LightningTalks {
  /** Accepted talks for an event, in order of acceptance, as slots of kind `lightning`. */
  accepted(communityId: string, eventId: string): Promise<Slot[]>;
}

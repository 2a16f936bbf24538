import type { DateTime } from 'luxon';
import type { Store } from '../store/store.ts';
import type { Agenda, LightningTalks } from './agenda.ts';
import type { MeetupEvent } from './event.ts';
import { contentHash, writeCalendar, type CalendarCommunity, type CalendarEntry } from './ics.ts';

interface Stored {
  hash: string;
  sequence: number;
}

/**
 * SEQUENCE per meetup, kept in the store with the hash of what was last published: it grows by
 * one each time the meetup's content changes, and never otherwise, whichever process serves it.
 */
export class CalendarSequences {
  constructor(private readonly store: Store) {}

  async sequence(communityId: string, eventId: string, hash: string): Promise<number> {
    const records = this.store.namespace<Stored>('ics');
    const key = `${communityId}:${eventId}`;
    const known = await records.get(key);
    if (known?.hash === hash) return known.sequence;
    const sequence = known ? known.sequence + 1 : 0;
    await records.set(key, { hash, sequence });
    return sequence;
  }
}

export interface FeedParts {
  community: CalendarCommunity;
  lightning: LightningTalks;
  sequences: CalendarSequences;
  now: DateTime;
}

/** One meetup's calendar (`/agenda … ics`, `emcee agenda EVENT --ics`). */
export async function eventCalendar(event: MeetupEvent, parts: FeedParts): Promise<string> {
  return writeCalendar(parts.community, [await entry(event, parts)], parts.now);
}

/**
 * A community's subscribable feed: every meetup it knows, as text/calendar. What an HTTP endpoint
 * serves at the community's calendar address.
 */
export async function calendarFeed(agenda: Agenda, parts: FeedParts): Promise<string> {
  const entries: CalendarEntry[] = [];
  for (const event of agenda.all()) entries.push(await entry(event, parts));
  return writeCalendar(parts.community, entries, parts.now);
}

async function entry(event: MeetupEvent, parts: FeedParts): Promise<CalendarEntry> {
  const lightning = await parts.lightning.accepted(parts.community.id, event.id);
  const sequence = await parts.sequences.sequence(parts.community.id, event.id, contentHash(event, lightning));
  return { event, lightning, sequence };
}

/** The attachment name and content type of a calendar. */
export const calendarFile = (name: string) => ({
  filename: `${name.replace(/[^\w.-]+/g, '-')}.ics`,
  contentType: 'text/calendar; charset=utf-8',
});

/**
 * The feed of one community from the app's services: what the bot's HTTP endpoint serves, as
 * `text/calendar; charset=utf-8`, at the community's calendar address.
 */
export function communityCalendar(
  services: { agenda(communityId: string): Agenda; lightning: LightningTalks; store: Store },
  community: CalendarCommunity,
  now: DateTime,
): Promise<string> {
  return calendarFeed(services.agenda(community.id), {
    community,
    lightning: services.lightning,
    sequences: new CalendarSequences(services.store),
    now,
  });
}

import type { MeetupEvent, Slot, Speaker } from './event.ts';

/** The export format of one event (`emcee agenda EVENT --json`): instants as ISO strings in the event's zone. */
export interface EventJson {
  id: string;
  number: number | null;
  title: string;
  start: string;
  end: string;
  timezone: string;
  venue: string | null;
  online: string | null;
  slots: Array<{
    start: string | null;
    end: string | null;
    title: string;
    kind: Slot['kind'];
    speakers: Array<{ name: string; handle: string | null; affiliation: string | null; bio: string | null }>;
    abstract: string | null;
    /** The room of a conference track; null at a one-room meetup. */
    room: string | null;
  }>;
  warnings: string[];
}

export function eventToJson(event: MeetupEvent): EventJson {
  const iso = (at: MeetupEvent['start'] | undefined) => (at ? at.setZone(event.timezone).toISO() : null);
  return {
    id: event.id,
    number: event.number ?? null,
    title: event.title,
    start: iso(event.start) as string,
    end: iso(event.end) as string,
    timezone: event.timezone,
    venue: event.venue ?? null,
    online: event.online ?? null,
    slots: event.slots.map((slot) => ({
      start: iso(slot.start),
      end: iso(slot.end),
      title: slot.title,
      kind: slot.kind,
      speakers: slot.speakers.map(speakerJson),
      abstract: slot.abstract ?? null,
      room: slot.room ?? null,
    })),
    warnings: event.warnings,
  };
}

function speakerJson(speaker: Speaker) {
  return { name: speaker.name, handle: speaker.handle ?? null, affiliation: speaker.affiliation ?? null, bio: speaker.bio ?? null };
}

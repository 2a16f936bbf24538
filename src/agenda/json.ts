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
  slots: SlotJson[];
  /** Accepted lightning talks, in order of acceptance: what `/agenda` shows under "Lightning talks". */
  lightning: SlotJson[];
  warnings: string[];
}

export interface SlotJson {
  start: string | null;
  end: string | null;
  title: string;
  kind: Slot['kind'];
  speakers: Array<{ name: string; handle: string | null; affiliation: string | null; bio: string | null }>;
  abstract: string | null;
  /** The room of a conference track; null at a one-room meetup. */
  room: string | null;
  /** Length of an untimed slot (a lightning talk), else null. */
  minutes: number | null;
  /** A talk not named yet: its title is the English "To be announced", for a reader to translate. */
  placeholder: boolean;
}

/** With the accepted lightning talks given, as `/agenda` shows them (the LightningTalks port). */
export function eventToJson(event: MeetupEvent, lightning: readonly Slot[] = []): EventJson {
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
    slots: event.slots.map((slot) => slotJson(slot, iso)),
    lightning: lightning.map((slot) => slotJson(slot, iso)),
    warnings: event.warnings,
  };
}

function slotJson(slot: Slot, iso: (at: Slot['start']) => string | null): SlotJson {
  return {
    start: iso(slot.start),
    end: iso(slot.end),
    title: slot.title,
    kind: slot.kind,
    speakers: slot.speakers.map(speakerJson),
    abstract: slot.abstract ?? null,
    room: slot.room ?? null,
    minutes: slot.minutes ?? null,
    placeholder: slot.placeholder === true,
  };
}

function speakerJson(speaker: Speaker) {
  return {
    name: speaker.name,
    handle: speaker.handle ?? null,
    affiliation: speaker.affiliation ?? null,
    bio: speaker.bio ?? null,
  };
}

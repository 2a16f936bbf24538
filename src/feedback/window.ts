import type { DateTime } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import type { MeetupEvent } from '../agenda/event.ts';
import type { FeedbackSettings } from './settings.ts';

/** Feedback on an event is taken from its end until `windowDays` calendar days later (community zone). */
export function closesAt(event: MeetupEvent, settings: FeedbackSettings): DateTime {
  return event.end.setZone(event.timezone).plus({ days: settings.windowDays });
}

export type Openness =
  | { kind: 'open'; event: MeetupEvent; closes: DateTime }
  | { kind: 'not-ended'; event: MeetupEvent }
  | { kind: 'closed'; event: MeetupEvent; closes: DateTime };

export function openness(event: MeetupEvent, settings: FeedbackSettings, now: DateTime): Openness {
  if (event.end > now) return { kind: 'not-ended', event };
  const closes = closesAt(event, settings);
  return now <= closes ? { kind: 'open', event, closes } : { kind: 'closed', event, closes };
}

export type Target = Openness | { kind: 'not-found'; ref: string } | { kind: 'none-ended' };

/** The event a member answers about: the one named, else the last one that has ended. */
export function target(agenda: Agenda, ref: string | undefined, settings: FeedbackSettings, now: DateTime): Target {
  const event = ref === undefined ? agenda.lastEnded(now) : agenda.find(ref);
  if (!event) return ref === undefined ? { kind: 'none-ended' } : { kind: 'not-found', ref };
  return openness(event, settings, now);
}

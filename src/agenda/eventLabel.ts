import type { MeetupEvent } from './event.ts';

/**
 * A meetup named in a few characters, for titles, hints and lists of what may be typed: `#12`,
 * else its date in its own zone (else its id). `typed` leaves out the `#`, as in a line to type
 * back (`/feedback export 12`).
 */
export function eventLabel(event: MeetupEvent, as: 'label' | 'typed' = 'label'): string {
  if (event.number !== undefined) return as === 'typed' ? String(event.number) : `#${event.number}`;
  return event.start.setZone(event.timezone).toISODate() ?? event.id;
}

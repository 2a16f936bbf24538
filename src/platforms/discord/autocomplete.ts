import type { DateTime } from 'luxon';
import type { Agenda } from '../../agenda/agenda.ts';
import type { MeetupEvent } from '../../agenda/event.ts';
import { cut } from './escape.ts';

/** Discord shows at most 25 suggestions, each named (and valued) in at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

/**
 * Meetups to suggest for an `event` option: upcoming ones first (soonest first), then past ones
 * (most recent first), those matching what was typed (number, date or words of the title).
 */
export function eventChoices(agenda: Agenda, typed: string, now: DateTime): Array<{ name: string; value: string }> {
  const wanted = typed.trim().toLowerCase().replace(/^#\s*/, '');
  const at = now.toMillis();
  const upcoming = agenda
    .all()
    .filter((event) => event.end.toMillis() >= at)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const past = agenda
    .all()
    .filter((event) => event.end.toMillis() < at)
    .sort((a, b) => b.start.toMillis() - a.start.toMillis());
  return (
    [...upcoming, ...past]
      // A choice's value is at most 100 characters too: a longer id is typed, not offered.
      .filter((event) => event.id.length <= MAX_NAME && matches(event, wanted))
      .slice(0, MAX_CHOICES)
      .map((event) => ({ name: cut(label(event), MAX_NAME), value: event.id }))
  );
}

/** A number is a meetup's number (`12`, `#12`), not any 12 in a date; anything else, part of the label. */
function matches(event: MeetupEvent, wanted: string): boolean {
  if (wanted === '') return true;
  if (/^\d+$/.test(wanted)) return event.number === Number(wanted);
  return label(event).toLowerCase().includes(wanted);
}

function label(event: MeetupEvent): string {
  const date = event.start.setZone(event.timezone).toISODate() ?? '';
  return `${date} · ${event.title}`;
}

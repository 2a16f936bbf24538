import { Duration } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import type { MeetupEvent } from '../agenda/event.ts';
import type { ReminderSettings } from './settings.ts';

export type ReminderKind = 'before' | 'doors' | 'feedback';

/** One reminder, derived from the agenda each time (never stored): a moved event gives new ones. */
export interface ReminderOccurrence {
  at: number;
  event: MeetupEvent;
  kind: ReminderKind;
  /** For `before`: how long before the start, in ms. */
  offset?: number;
  /** Part of the identity: `before-P7D`, `doors`, `feedback`. */
  label: string;
}

/** Events last hours; an event that started this long before an instant cannot still have a reminder ahead. */
const LONGEST_EVENT_MS = 7 * 86_400_000;

function occurrencesOf(event: MeetupEvent, settings: ReminderSettings): ReminderOccurrence[] {
  const start = event.start.toMillis();
  const out: ReminderOccurrence[] = settings.before.map((offset) => ({
    at: start - offset,
    event,
    kind: 'before' as const,
    offset,
    label: `before-${Duration.fromMillis(offset).rescale().toISO()}`,
  }));
  if (settings.doorsOpen) out.push({ at: start, event, kind: 'doors', label: 'doors' });
  if (settings.feedback) out.push({ at: event.end.toMillis(), event, kind: 'feedback', label: 'feedback' });
  return out;
}

/** Index of the first event starting at or after `at` (events are sorted by start). */
function firstStartingFrom(events: readonly MeetupEvent[], at: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((events[mid] as MeetupEvent).start.toMillis() < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The earliest instant strictly after `after` at which a reminder is due, if any. */
export function nextReminderAt(agenda: Agenda, settings: ReminderSettings, after: number): number | undefined {
  if (!settings.enabled) return undefined;
  const events = agenda.all();
  const maxBefore = Math.max(0, ...settings.before);
  let best: number | undefined;
  for (let i = firstStartingFrom(events, after - LONGEST_EVENT_MS); i < events.length; i++) {
    const event = events[i] as MeetupEvent;
    if (best !== undefined && event.start.toMillis() - maxBefore > best) break;
    for (const occurrence of occurrencesOf(event, settings)) {
      if (occurrence.at > after && (best === undefined || occurrence.at < best)) best = occurrence.at;
    }
  }
  return best;
}

/** Every reminder due at exactly `at`, from the agenda as it is now. */
export function remindersAt(agenda: Agenda, settings: ReminderSettings, at: number): ReminderOccurrence[] {
  if (!settings.enabled) return [];
  const events = agenda.all();
  const maxBefore = Math.max(0, ...settings.before);
  const out: ReminderOccurrence[] = [];
  for (let i = firstStartingFrom(events, at - LONGEST_EVENT_MS); i < events.length; i++) {
    const event = events[i] as MeetupEvent;
    if (event.start.toMillis() - maxBefore > at) break;
    out.push(...occurrencesOf(event, settings).filter((occurrence) => occurrence.at === at));
  }
  return out;
}

import type { DateTime } from 'luxon';
import type { MeetupEvent, Slot } from '../src/agenda/event.ts';
import { programme } from '../src/agenda/present.ts';
import type { Locale } from '../src/core/i18n.ts';
import type { Reply } from '../src/core/reply.ts';
import { withAbstractButtons } from './agendaAbstract.ts';

/** Languages × past or not × a few lists of lightning talks: more than that per event is churn. */
const PER_EVENT = 16;

/**
 * Every member asking for one meetup in one language gets the same programme, and they ask in bursts
 * (after each announcement): building it (abstracts shortened, instants written out, messages
 * filled) cost more than the rest of a Slack request. It is built once per event object, language,
 * whether the meetup is over, and accepted lightning talks. An edited event file is a new event
 * object (the live folder parses it again), so its stale programme goes with the old object.
 * The programme is frozen: one reader's answer can never be changed under another's.
 */
const built = new WeakMap<MeetupEvent, Map<string, Reply>>();

export function programmeWithButtons(
  event: MeetupEvent,
  locale: Locale,
  now: DateTime,
  lightning: readonly Slot[],
): Reply {
  const key = `${locale}|${event.end < now}|${lightning.length === 0 ? '' : JSON.stringify(lightning)}`;
  let forEvent = built.get(event);
  const known = forEvent?.get(key);
  if (known) return known;
  const made = deepFreeze(withAbstractButtons(programme(event, locale, now, [...lightning]), event, lightning, locale));
  if (!forEvent || forEvent.size >= PER_EVENT) built.set(event, (forEvent = new Map<string, Reply>()));
  forEvent.set(key, made);
  return made;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

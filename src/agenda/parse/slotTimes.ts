import type { DateTime } from 'luxon';
import type { DraftSlot } from './draft.ts';
import type { Finding } from './problems.ts';

/** A slot's instants once its wall-clock times are placed on the event's day (or the next). */
export interface Placed {
  start?: DateTime;
  end?: DateTime;
}

interface EventTimes {
  start: DateTime;
  /** Whether the start was written (`date: …T19:00`); otherwise it is the first slot's. */
  timed: boolean;
  zone: string;
}

/**
 * Slots that make no sense in a programme read top to bottom: one that starts before the meetup,
 * before the slot above it, or before the slot above it ends. They are kept as written (the
 * organiser may have a reason) and reported once each, the first of these reasons winning.
 */
export function checkSlotTimes(
  slots: readonly DraftSlot[],
  placed: readonly Placed[],
  event: EventTimes,
  warn: (finding: Finding) => void,
): void {
  const clock = (instant: DateTime): string => instant.setZone(event.zone).toFormat('HH:mm');
  let above: { slot: DraftSlot; placed: Placed } | undefined;
  slots.forEach((slot, i) => {
    const here = placed[i] ?? {};
    if (!here.start) return;
    const found = problem(here.start, above, event, clock);
    if (found)
      warn({
        ...(slot.line === undefined ? {} : { line: slot.line }),
        message: `the slot "${slot.title}" starts at ${clock(here.start)}, ${found}`,
      });
    above = { slot, placed: here };
  });
}

function problem(
  start: DateTime,
  above: { slot: DraftSlot; placed: Placed } | undefined,
  event: EventTimes,
  clock: (instant: DateTime) => string,
): string | undefined {
  if (event.timed && start < event.start) return `before the meetup starts (${clock(event.start)})`;
  if (!above?.placed.start) return undefined;
  const where = () => `"${above.slot.title}"${above.slot.line === undefined ? '' : `, line ${above.slot.line}`}`;
  if (start < above.placed.start) return `before the slot above it (${where()}, at ${clock(above.placed.start)})`;
  if (above.placed.end && start < above.placed.end)
    return `before the slot above it (${where()}) ends at ${clock(above.placed.end)}`;
  return undefined;
}

import type { MeetupEvent } from '../agenda/event.ts';

/**
 * The minutes of the open lightning-talk slot(s) a meetup's programme announces (a 15-minute
 * "Lightning talks" slot with no speaker yet: short talks already on the programme are not
 * room for proposals), or undefined when it announces none with a start and an end.
 */
export function programmeLightningMinutes(event: MeetupEvent | undefined): number | undefined {
  const slots =
    event?.slots.filter((slot) => slot.kind === 'lightning' && slot.speakers.length === 0 && slot.start && slot.end) ??
    [];
  if (slots.length === 0) return undefined;
  return slots.reduce((sum, slot) => sum + Math.round(slot.end!.diff(slot.start!, 'minutes').minutes), 0);
}

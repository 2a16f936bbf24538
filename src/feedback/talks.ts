import type { LightningTalks } from '../agenda/agenda.ts';
import type { MeetupEvent, Slot } from '../agenda/event.ts';
import { RATING_MAX, RATING_MIN } from './model.ts';

/** A talk members may rate, numbered from 1 in programme order. */
export interface Talk {
  number: number;
  title: string;
  speakers: string;
}

const RATEABLE: ReadonlySet<Slot['kind']> = new Set(['talk', 'lightning']);

/**
 * The talks of an event, as `/feedback` numbers them: the programme's talks and lightning talks
 * in order, then the lightning talks accepted through /propose. Welcome, news, breaks and food
 * are not rated, nor a slot still "to be announced" with no speaker: nobody could tell which talk
 * its number stands for.
 */
export async function rateableTalks(
  event: MeetupEvent,
  communityId: string,
  lightning: LightningTalks,
): Promise<Talk[]> {
  const slots = [
    ...event.slots.filter((slot) => RATEABLE.has(slot.kind) && !(slot.placeholder && slot.speakers.length === 0)),
    ...(await lightning.accepted(communityId, event.id)),
  ];
  return slots.map((slot, i) => ({
    number: i + 1,
    title: slot.title,
    speakers: slot.speakers.map((speaker) => speaker.name).join(', '),
  }));
}

export type TalkProblem =
  | { kind: 'syntax'; part: string }
  | { kind: 'unknown'; n: number }
  | { kind: 'rating'; n: number }
  | { kind: 'twice'; n: number }
  | { kind: 'none' };

export type TalkRatings = { ok: true; ratings: Record<number, number> } | { ok: false; problem: TalkProblem };

/**
 * Reads per-talk ratings written `1:5 3:4` (also `1=5`, `#1:5`, separated by spaces, commas or
 * semicolons). One short text field, because a Discord modal holds five fields and a meetup may
 * have more talks than that; the same text works as a form field, a Slack modal input, a console
 * prompt and the `talks:` option.
 */
export function parseTalkRatings(raw: string | undefined, talks: readonly Talk[]): TalkRatings {
  const ratings: Record<number, number> = {};
  const parts = (raw ?? '')
    .replace(/\s*([:=])\s*/g, '$1')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (parts.length > 0 && talks.length === 0) return { ok: false, problem: { kind: 'none' } };
  for (const part of parts) {
    const match = /^#?(\d{1,3})[:=](\S+)$/.exec(part);
    if (!match) return { ok: false, problem: { kind: 'syntax', part } };
    const n = Number(match[1]);
    if (n < 1 || n > talks.length) return { ok: false, problem: { kind: 'unknown', n } };
    const rating = Number(match[2]);
    if (!/^\d+$/.test(match[2] as string) || rating < RATING_MIN || rating > RATING_MAX)
      return { ok: false, problem: { kind: 'rating', n } };
    if (ratings[n] !== undefined) return { ok: false, problem: { kind: 'twice', n } };
    ratings[n] = rating;
  }
  return { ok: true, ratings };
}

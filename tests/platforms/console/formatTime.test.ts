import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { reminderReply } from '../../../src/announcements/compose.ts';
import { formatTime } from '../../../src/platforms/console/formatTime.ts';
import { renderReply } from '../../../src/platforms/console/render.ts';
import { meetup } from '../../announcements/support.ts';

const ZONE = 'Europe/Paris';
const start = DateTime.fromISO('2026-04-08T19:00', { zone: ZONE });
/** What the console says of the meetup's start, `ms` after `base`: a post is rendered a few ms after it is due. */
const say = (base: DateTime, locale: 'fr' | 'en', ms = 5) =>
  formatTime(start, 'relative', ZONE, locale, base.plus({ milliseconds: ms }));

describe('relative times, rounded as people say them', () => {
  it('says 7 days, 1 day and 1 hour when the reminders are posted a moment after they are due', () => {
    expect(say(start.minus({ days: 7 }), 'en')).toBe('in 7 days');
    expect(say(start.minus({ days: 1 }), 'en')).toBe('in 1 day');
    expect(say(start.minus({ hours: 1 }), 'en')).toBe('in 1 hour');
    expect(say(start.minus({ days: 7 }), 'fr')).toBe('dans 7 jours');
    expect(say(start.minus({ hours: 1 }), 'fr')).toBe('dans 1 heure');
  });

  it('at 17:00 a 19:00 start is in 2 hours; at 17:50 in 1 hour; at 18:50 in 10 minutes', () => {
    expect(say(start.set({ hour: 17 }), 'en')).toBe('in 2 hours');
    expect(say(start.set({ hour: 17, minute: 50 }), 'en')).toBe('in 1 hour');
    expect(say(start.set({ hour: 18, minute: 50 }), 'en')).toBe('in 10 minutes');
    expect(say(start.set({ hour: 16, minute: 40 }), 'en')).toBe('in 2 hours');
  });

  it('moves to days, months and years at the thresholds people use', () => {
    expect(say(start.minus({ hours: 20 }), 'en')).toBe('in 20 hours');
    expect(say(start.minus({ hours: 23 }), 'en')).toBe('in 1 day');
    expect(say(start.minus({ days: 1, hours: 13 }), 'en')).toBe('in 2 days');
    // Across the spring DST change (29 March): 10 calendar days, though 239 hours.
    expect(say(start.minus({ days: 10 }), 'en')).toBe('in 10 days');
    expect(say(start.minus({ days: 40 }), 'en')).toBe('in 1 month');
    expect(say(start.minus({ months: 13 }), 'en')).toBe('in 1 year');
  });

  it('says the past the same way', () => {
    expect(say(start.plus({ days: 2 }), 'en', -5)).toBe('2 days ago');
    expect(say(start.plus({ minutes: 59 }), 'fr', 40_000)).toBe('il y a 1 heure');
  });

  it('within seconds: "in a few seconds" ahead, "just now" behind, in both languages', () => {
    expect(say(start.minus({ seconds: 30 }), 'en')).toBe('in a few seconds');
    expect(say(start.minus({ seconds: 30 }), 'fr')).toBe('dans quelques secondes');
    expect(say(start.plus({ seconds: 10 }), 'en')).toBe('just now');
    expect(say(start.plus({ seconds: 10 }), 'fr')).toBe('à l’instant');
  });

  it('a reminder rendered 20 ms after it is due says "in 7 days"', () => {
    const event = meetup('m12', '2026-04-08T19:00');
    const reply = reminderReply(
      {
        at: event.start.toMillis() - 7 * 86_400_000,
        event,
        kind: 'before',
        offset: 7 * 86_400_000,
        label: 'before-P7D',
      },
      'fr',
    );
    const now = event.start.minus({ days: 7 }).plus({ milliseconds: 20 });
    expect(renderReply(reply, { zone: ZONE, locale: 'fr', now }).split('\n')[0]).toMatch(
      /Meetup m12, dans 7 jours \(mercredi 8 avril 2026, 19:00\)/,
    );
  });
});

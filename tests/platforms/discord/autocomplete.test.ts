/** Meetups suggested as a member types an `event` option. */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../../src/agenda/agenda.ts';
import type { MeetupEvent } from '../../../src/agenda/event.ts';
import { eventChoices } from '../../../src/platforms/discord/autocomplete.ts';

const meetup = (id: string, start: string, title: string, number?: number): MeetupEvent =>
  ({
    id,
    title,
    number,
    start: DateTime.fromISO(start, { zone: 'Europe/Paris' }),
    end: DateTime.fromISO(start, { zone: 'Europe/Paris' }).plus({ hours: 3 }),
    timezone: 'Europe/Paris',
    slots: [],
    warnings: [],
  }) as unknown as MeetupEvent;

describe('eventChoices', () => {
  const now = DateTime.fromISO('2026-06-18T10:00', { zone: 'Europe/Paris' });
  const many = Array.from({ length: 40 }, (_, n) =>
    meetup(
      `m-${n}`,
      DateTime.fromISO('2024-01-10T19:00')
        .plus({ weeks: n * 4 })
        .toISO()!,
      `#${n} SRE Paris`,
      n,
    ),
  );

  it('offers upcoming meetups first, soonest first, then past ones, latest first, at most 25', () => {
    const choices = eventChoices(new Agenda(many), '', now);
    expect(choices).toHaveLength(25);
    const starts = choices.map((choice) => many.find((event) => event.id === choice.value)!.start.toMillis());
    const firstPast = starts.findIndex((start) => start < now.toMillis());
    expect(starts.slice(0, firstPast)).toEqual([...starts.slice(0, firstPast)].sort((a, b) => a - b));
    expect(starts.slice(firstPast)).toEqual([...starts.slice(firstPast)].sort((a, b) => b - a));
  });

  it('matches what was typed: a number, a date, words of the title', () => {
    expect(eventChoices(new Agenda(many), '#12 ', now).map((choice) => choice.value)).toEqual(['m-12']);
    expect(eventChoices(new Agenda(many), '2024-01-10', now).map((choice) => choice.value)).toEqual(['m-0']);
  });

  it('never offers a value Discord would refuse (over 100 characters)', () => {
    const long = meetup('x'.repeat(101), '2026-07-01T19:00', 'Long id');
    expect(eventChoices(new Agenda([long, many[0]!]), '', now).map((choice) => choice.value)).toEqual(['m-0']);
  });
});

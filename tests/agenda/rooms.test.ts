import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/agenda/agenda.ts';
import type { MeetupEvent, Slot } from '../../src/agenda/event.ts';
import { eventToJson } from '../../src/agenda/json.ts';
import { onNowReply, programme } from '../../src/agenda/present.ts';
import { outcomeWords } from '../support/words.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toUTC();
const slot = (title: string, start: string, end: string, room?: string): Slot => ({
  title,
  kind: 'talk',
  speakers: [],
  start: at(start),
  end: at(end),
  ...(room ? { room } : {}),
});

const conference: MeetupEvent = {
  id: 'conf-day-1',
  title: 'Conf day 1',
  start: at('2026-12-09T09:00'),
  end: at('2026-12-09T12:00'),
  timezone: 'Europe/Paris',
  slots: [
    slot('Keynote', '2026-12-09T09:00', '2026-12-09T10:00'),
    slot('Tracing', '2026-12-09T10:00', '2026-12-09T11:00', 'Room A'),
    slot('Chaos', '2026-12-09T10:00', '2026-12-09T11:00', 'Room B'),
  ],
  warnings: [],
  source: 'conf.json',
};
const view = { zone: 'Europe/Paris', now: at('2026-12-09T10:30') };

describe('rooms of a conference schedule', () => {
  it('the programme names each slot’s room, in both languages', () => {
    const en = outcomeWords(programme(conference, 'en', view.now), view.zone);
    expect(en).toContain('Tracing · room Room A');
    expect(en).toContain('Chaos · room Room B');
    const fr = outcomeWords(programme(conference, 'fr', view.now), view.zone);
    expect(fr).toContain('Tracing · salle Room A');
  });

  it('“on now” lists every session in parallel, not just the first', () => {
    const agenda = new Agenda([conference]);
    const on = agenda.onNow(view.now);
    expect(on?.current.map((s) => s.title)).toEqual(['Tracing', 'Chaos']);
    const text = outcomeWords(onNowReply(on, agenda.next(view.now), 'en'), view.zone);
    expect(text).toContain('2 sessions in parallel');
    expect(text).toContain('Tracing');
    expect(text).toContain('Chaos');
  });

  it('the JSON export gives room: string | null per slot', () => {
    expect(eventToJson(conference).slots.map((s) => s.room)).toEqual([null, 'Room A', 'Room B']);
  });
});

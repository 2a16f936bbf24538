import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../src/agenda/event.ts';
import { loadEventFolder } from '../../../src/agenda/load.ts';
import { cachedZoneClock, readFormatFile, type FormatReading } from '../../../src/agenda/formats/index.ts';
import { MAX_OCCURRENCES, WINDOW_DAYS } from '../../../src/agenda/formats/icalRecurrence.ts';
import { expectEvents, iso, PARIS_VTIMEZONE as PARIS, programme } from './helpers.ts';

const calendar = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...PARIS, ...lines, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (...lines: string[]): string[] => [
  'BEGIN:VEVENT',
  'UID:monthly@sre.example.org',
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];

/** The monthly meetup of a community calendar: the second Tuesday, 19:00-22:00 Paris, with its programme. */
const MONTHLY = [
  'DTSTART;TZID=Europe/Paris:20260113T190000',
  'DTEND;TZID=Europe/Paris:20260113T220000',
  'RRULE:FREQ=MONTHLY;BYDAY=2TU',
  'SUMMARY:SRE Rennes monthly',
  'LOCATION:La Cantine',
  'DESCRIPTION:Programme :\\n19:00 Accueil\\n19:30-20:15 Talk of the month - Jane Roe\\n20:30 Apéro',
];

const NOW = DateTime.fromISO('2026-12-02T10:00:00Z');

function read(text: string, now: DateTime = NOW): FormatReading {
  return readFormatFile('ical', {
    path: 'sre.ics',
    text,
    timezone: 'Europe/Paris',
    zoneClock: cachedZoneClock(),
    now,
  });
}

const after = (events: MeetupEvent[], now: DateTime = NOW) => events.filter((event) => event.start > now);
const warningsOf = (reading: FormatReading) => (reading.kind === 'events' ? reading.warnings : []);

describe('iCalendar repeating events (RRULE)', () => {
  it('reads a monthly BYDAY rule as its occurrences: the next one after now, with the programme and venue', () => {
    const reading = read(calendar(...vevent(...MONTHLY)));
    const events = expectEvents(reading);
    const [next, following] = after(events);
    expect([next?.id, iso(next?.start), iso(next?.end), next?.title, next?.venue]).toEqual([
      'sre-2026-12-08',
      '2026-12-08T18:00:00Z',
      '2026-12-08T21:00:00Z',
      'SRE Rennes monthly',
      'La Cantine',
    ]);
    expect(programme(next!)).toEqual([
      '19:00-19:30: Accueil [welcome]',
      '19:30-20:15: Talk of the month (Jane Roe) [talk]',
      '20:30-22:00: Apéro [food]',
    ]);
    expect(following?.id).toBe('sre-2027-01-12');
    // From the rule's start (less than 400 days ago) to 400 days ahead, one a month.
    expect(events[0]?.id).toBe('sre-2026-01-13');
    expect(events.at(-1)?.id).toBe('sre-2027-12-14');
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    expect(warningsOf(reading)).toEqual([]);
  });

  it('gives an occurrence the same id whenever it is read', () => {
    const text = calendar(...vevent(...MONTHLY));
    const later = DateTime.fromISO('2027-03-01T00:00:00Z');
    const id = (now: DateTime) => after(expectEvents(read(text, now)), DateTime.fromISO('2027-04-01'))[0]?.id;
    expect(id(NOW)).toBe('sre-2027-04-13');
    expect(id(later)).toBe('sre-2027-04-13');
  });

  it('skips an EXDATE', () => {
    const events = expectEvents(read(calendar(...vevent(...MONTHLY, 'EXDATE;TZID=Europe/Paris:20261208T190000'))));
    expect(after(events)[0]?.id).toBe('sre-2027-01-12');
    expect(events.some((event) => event.id === 'sre-2026-12-08')).toBe(false);
  });

  it('puts an override (RECURRENCE-ID) with another time and programme in place of its occurrence', () => {
    const text = calendar(
      ...vevent(...MONTHLY),
      ...vevent(
        'RECURRENCE-ID;TZID=Europe/Paris:20270112T190000',
        'DTSTART;TZID=Europe/Paris:20270114T183000',
        'DTEND;TZID=Europe/Paris:20270114T213000',
        'DESCRIPTION:Programme :\\n18:30 Accueil\\n19:00-19:45 New year special - John Doe',
      ),
    );
    const events = expectEvents(read(text));
    expect(events.some((event) => event.id === 'sre-2027-01-12')).toBe(false);
    const moved = events.find((event) => event.id === 'sre-2027-01-14');
    // Its own time and programme; the series' title and venue, which the override does not repeat.
    expect([iso(moved?.start), iso(moved?.end), moved?.title, moved?.venue]).toEqual([
      '2027-01-14T17:30:00Z',
      '2027-01-14T20:30:00Z',
      'SRE Rennes monthly',
      'La Cantine',
    ]);
    expect(programme(moved!)).toEqual([
      '18:30-19:00: Accueil [welcome]',
      '19:00-19:45: New year special (John Doe) [talk]',
    ]);
    // The other occurrences keep the series' programme.
    expect(programme(events.find((event) => event.id === 'sre-2027-02-09')!)[1]).toBe(
      '19:30-20:15: Talk of the month (Jane Roe) [talk]',
    );
  });

  it('an override without DTEND keeps the series’ duration', () => {
    const text = calendar(
      ...vevent(...MONTHLY),
      ...vevent('RECURRENCE-ID;TZID=Europe/Paris:20270112T190000', 'DTSTART;TZID=Europe/Paris:20270112T200000'),
    );
    const moved = expectEvents(read(text)).find((event) => event.id === 'sre-2027-01-12');
    expect([iso(moved?.start), iso(moved?.end)]).toEqual(['2027-01-12T19:00:00Z', '2027-01-12T22:00:00Z']);
  });

  it('removes an occurrence cancelled by its override, with a warning naming its date', () => {
    const text = calendar(
      ...vevent(...MONTHLY),
      ...vevent(
        'RECURRENCE-ID;TZID=Europe/Paris:20261208T190000',
        'DTSTART;TZID=Europe/Paris:20261208T190000',
        'STATUS:CANCELLED',
      ),
    );
    const reading = read(text);
    expect(after(expectEvents(reading))[0]?.id).toBe('sre-2027-01-12');
    expect(warningsOf(reading)).toEqual([
      expect.objectContaining({
        message: '"SRE Rennes monthly" on 2026-12-08 is cancelled (STATUS:CANCELLED) and not shown',
      }),
    ]);
  });

  it('a cancelled series is not shown, nor its overrides', () => {
    const text = calendar(
      ...vevent(...MONTHLY, 'STATUS:CANCELLED'),
      'BEGIN:VEVENT',
      'UID:other@sre.example.org',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20261215T180000Z',
      'SUMMARY:Christmas drinks',
      'END:VEVENT',
      ...vevent('RECURRENCE-ID;TZID=Europe/Paris:20270112T190000', 'DTSTART;TZID=Europe/Paris:20270114T190000'),
    );
    expect(expectEvents(read(text)).map((event) => event.title)).toEqual(['Christmas drinks']);
  });

  it('skips an EXDATE written in UTC, and adds an RDATE', () => {
    const events = expectEvents(
      read(calendar(...vevent(...MONTHLY, 'EXDATE:20261208T180000Z', 'RDATE;TZID=Europe/Paris:20261217T190000'))),
    );
    expect(
      after(events)
        .slice(0, 2)
        .map((event) => [event.id, iso(event.start)]),
    ).toEqual([
      ['sre-2026-12-17', '2026-12-17T18:00:00Z'],
      ['sre-2027-01-12', '2027-01-12T18:00:00Z'],
    ]);
  });

  it('shows an override that matches no occurrence (the rule was edited since) on its own date', () => {
    const text = calendar(
      ...vevent(...MONTHLY),
      ...vevent(
        'RECURRENCE-ID;TZID=Europe/Paris:20270106T190000',
        'DTSTART;TZID=Europe/Paris:20270106T190000',
        'SUMMARY:Extra january meetup',
      ),
    );
    const extra = expectEvents(read(text)).find((event) => event.id === 'sre-2027-01-06');
    expect([extra?.title, extra?.venue, iso(extra?.end)]).toEqual([
      'Extra january meetup',
      'La Cantine',
      '2027-01-06T21:00:00Z',
    ]);
  });

  it('the loader reads a calendar around the `now` it is given', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emcee-rrule-'));
    await writeFile(path.join(dir, 'sre.ics'), calendar(...vevent(...MONTHLY)));
    const next = async (now: DateTime) =>
      after((await loadEventFolder(dir, 'Europe/Paris', { now })).events, now)[0]?.id;
    expect(await next(NOW)).toBe('sre-2026-12-08');
    expect(await next(DateTime.fromISO('2027-06-01T00:00:00Z'))).toBe('sre-2027-06-08');
  });

  it('keeps the wall time across summer time: 19:00 Paris in January and in July, by VTIMEZONE or by IANA name', () => {
    const weekly = ['DTSTART;TZID=Europe/Paris:20270105T190000', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Weekly'];
    const paris = (text: string) => {
      const events = expectEvents(read(text, DateTime.fromISO('2027-03-01T00:00:00Z')));
      return [events.find((e) => e.id === 'sre-2027-01-05'), events.find((e) => e.id === 'sre-2027-07-06')].map(
        (event) => [iso(event?.start), event?.start.setZone('Europe/Paris').toFormat('HH:mm')],
      );
    };
    const expected = [
      ['2027-01-05T18:00:00Z', '19:00'],
      ['2027-07-06T17:00:00Z', '19:00'],
    ];
    expect(paris(calendar(...vevent(...weekly)))).toEqual(expected);
    // Without the VTIMEZONE (many feeds name the IANA zone only): the same instants.
    const bare = calendar(...vevent(...weekly)).replace(/BEGIN:VTIMEZONE[\s\S]*END:VTIMEZONE\r\n/, '');
    expect(bare).not.toContain('VTIMEZONE');
    expect(paris(bare)).toEqual(expected);
  });

  it('ends with COUNT and with UNTIL', () => {
    const base = MONTHLY.filter((line) => !line.startsWith('RRULE'));
    const ids = (rule: string) => expectEvents(read(calendar(...vevent(...base, rule)))).map((event) => event.id);
    expect(ids('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3')).toEqual(['sre-2026-01-13', 'sre-2026-02-10', 'sre-2026-03-10']);
    expect(ids('RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260415T000000Z')).toEqual([
      'sre-2026-01-13',
      'sre-2026-02-10',
      'sre-2026-03-10',
      'sre-2026-04-14',
    ]);
  });

  it('reads a rule without end only within 400 days of now, and a first date further back not at all', () => {
    const old = ['DTSTART;TZID=Europe/Paris:20200114T190000', 'RRULE:FREQ=MONTHLY;BYDAY=2TU', 'SUMMARY:Old series'];
    const events = expectEvents(read(calendar(...vevent(...old))));
    const from = NOW.minus({ days: WINDOW_DAYS });
    const to = NOW.plus({ days: WINDOW_DAYS });
    expect(events.every((event) => event.start >= from && event.start <= to)).toBe(true);
    expect([events[0]?.id, events.at(-1)?.id]).toEqual(['sre-2025-11-11', 'sre-2027-12-14']);
  });

  it(`keeps at most ${MAX_OCCURRENCES} occurrences of one VEVENT, the future ones first`, () => {
    const daily = ['DTSTART:20230101T180000Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Daily stand-up'];
    const reading = read(calendar(...vevent(...daily)));
    const events = expectEvents(reading);
    expect(events).toHaveLength(MAX_OCCURRENCES);
    expect(iso(events.at(-1)?.start)).toBe('2028-01-05T18:00:00Z');
    expect(after(events)).toHaveLength(400);
    expect(warningsOf(reading)).toEqual([]);
    // More future occurrences than that: the furthest are left out, with a warning.
    const twice = ['DTSTART:20261201T080000Z', 'RRULE:FREQ=HOURLY;INTERVAL=12', 'SUMMARY:Twice a day'];
    const cut = read(calendar(...vevent(...twice)));
    const slots = expectEvents(cut).flatMap((event) => event.slots);
    // The three past ones make room for the future: 500 from now on, 250 days of them.
    expect(slots).toHaveLength(MAX_OCCURRENCES);
    expect(slots.every((slot) => slot.start !== undefined && slot.start > NOW)).toBe(true);
    expect(warningsOf(cut)).toEqual([
      expect.objectContaining({
        field: 'RRULE',
        message: `"Twice a day" repeats with more than ${MAX_OCCURRENCES} occurrences within ${WINDOW_DAYS} days; occurrences after 2027-08-09 are not shown`,
      }),
    ]);
  });

  it('stops a rule that needs too many steps from its start, with a warning', () => {
    const ancient = ['DTSTART:19000101T180000Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Since 1900'];
    const reading = read(calendar(...vevent(...ancient)));
    // 2,000 days from 1900: nothing reaches the window, and the organiser is told why.
    expect(expectEvents(reading)).toEqual([]);
    expect(warningsOf(reading)).toEqual([
      expect.objectContaining({
        field: 'RRULE',
        message:
          '"Since 1900" repeats with too many occurrences since its start (more than 2000); occurrences after 1905-06-23 are not shown',
      }),
    ]);
  });
});

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZoneClock, readFormatFile } from '../../../src/agenda/formats/index.ts';
import { expectEvents, iso, PARIS_VTIMEZONE } from './helpers.ts';

/**
 * Repeating events whose DTSTART zone no VTIMEZONE of the file defines (a bare IANA TZID, or a
 * floating time in the calendar's X-WR-TIMEZONE), with the UTC times RFC 5545 allows beside them:
 * UNTIL, EXDATE, RDATE and RECURRENCE-ID ending in Z.
 */

const calendar = (head: string[], ...events: string[][]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...head, ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
const vevent = (...lines: string[]): string[] => [
  'BEGIN:VEVENT',
  'UID:weekly@sre.example.org',
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];

/** Weekly on Tuesdays at 19:00 Paris (18:00 UTC in winter) until 22 December, 8 December excluded. */
const weekly = (start = 'DTSTART;TZID=Europe/Paris:20261201T190000', end = 'DTEND;TZID=Europe/Paris:20261201T210000') =>
  vevent(start, end, 'RRULE:FREQ=WEEKLY;UNTIL=20261222T180000Z', 'EXDATE:20261208T180000Z', 'SUMMARY:Weekly');
/** The 15 December occurrence moved to the 16th, named by its UTC instant. */
const moved = (start = 'DTSTART;TZID=Europe/Paris:20261216T190000', end = 'DTEND;TZID=Europe/Paris:20261216T210000') =>
  vevent('RECURRENCE-ID:20261215T180000Z', start, end, 'SUMMARY:Weekly, moved');

const NOW = DateTime.fromISO('2026-11-02T10:00:00Z');

const shown = (text: string) =>
  expectEvents(
    readFormatFile('ical', { path: 'sre.ics', text, timezone: 'Europe/Paris', zoneClock: cachedZoneClock(), now: NOW }),
  ).map((event) => `${iso(event.start)} ${event.title}`);

const EXPECTED = ['2026-12-01T18:00:00Z Weekly', '2026-12-16T18:00:00Z Weekly, moved', '2026-12-22T18:00:00Z Weekly'];

describe('iCalendar series in a zone no VTIMEZONE defines, with UTC times beside them', () => {
  it('a bare IANA TZID: the UTC EXDATE excludes, UNTIL keeps its last occurrence, the override replaces', () => {
    expect(shown(calendar([], weekly(), moved()))).toEqual(EXPECTED);
  });

  it('reads the same as the same file with its VTIMEZONE', () => {
    expect(shown(calendar(PARIS_VTIMEZONE, weekly(), moved()))).toEqual(EXPECTED);
  });

  it('floating times in the calendar zone (X-WR-TIMEZONE): the UTC times are that zone’s too', () => {
    const floating = calendar(
      ['X-WR-TIMEZONE:Europe/Paris'],
      weekly('DTSTART:20261201T190000', 'DTEND:20261201T210000'),
      moved('DTSTART:20261216T190000', 'DTEND:20261216T210000'),
    );
    expect(shown(floating)).toEqual(EXPECTED);
  });

  it('follows daylight saving time: an UNTIL in summer time matches the 19:00 occurrence of that day', () => {
    const spring = vevent(
      'DTSTART;TZID=Europe/Paris:20270316T190000',
      'DTEND;TZID=Europe/Paris:20270316T210000',
      // 30 March 2027 at 19:00 in Paris is 17:00 UTC (summer time since the 28th).
      'RRULE:FREQ=WEEKLY;UNTIL=20270330T170000Z',
      'RDATE:20270401T170000Z',
      'SUMMARY:Spring',
    );
    expect(shown(calendar([], spring))).toEqual([
      '2027-03-16T18:00:00Z Spring',
      '2027-03-23T18:00:00Z Spring',
      '2027-03-30T17:00:00Z Spring',
      '2027-04-01T17:00:00Z Spring',
    ]);
  });

  it('an occurrence cancelled by a UTC RECURRENCE-ID is removed', () => {
    const cancelledOne = vevent(
      'RECURRENCE-ID:20261215T180000Z',
      'DTSTART;TZID=Europe/Paris:20261215T190000',
      'DTEND;TZID=Europe/Paris:20261215T210000',
      'STATUS:CANCELLED',
      'SUMMARY:Weekly',
    );
    expect(shown(calendar([], weekly(), cancelledOne))).toEqual([
      '2026-12-01T18:00:00Z Weekly',
      '2026-12-22T18:00:00Z Weekly',
    ]);
  });
});

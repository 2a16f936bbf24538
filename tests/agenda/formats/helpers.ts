import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { MeetupEvent } from '../../../src/agenda/event.ts';
import { cachedZoneClock, formatOf, readFormatFile, type FormatReading } from '../../../src/agenda/formats/index.ts';
import type { Finding } from '../../../src/agenda/parse/problems.ts';

export const formatsDir = fileURLToPath(new URL('../../fixtures/formats/', import.meta.url));
export const formatText = (name: string): string => readFileSync(formatsDir + name, 'utf8');

/** Reads a text as the loader would, by its name's extension. */
export function readText(name: string, text: string, timezone = 'Europe/Paris'): FormatReading {
  const format = formatOf(name, text);
  if (!format) expect.fail(`${name} is not a known format`);
  return readFormatFile(format, { path: name, text, timezone, zoneClock: cachedZoneClock() });
}

export const readFixture = (name: string, timezone = 'Europe/Paris'): FormatReading =>
  readText(name, formatText(name), timezone);

export function expectEvents(reading: FormatReading): MeetupEvent[] {
  if (reading.kind !== 'events') expect.fail(`expected events, got ${JSON.stringify(reading)}`);
  return reading.events;
}

export function expectProblems(reading: FormatReading): Finding[] {
  if (reading.kind !== 'error') expect.fail(`expected an error, got ${reading.kind}`);
  return reading.problems;
}

/** Each slot as `HH:mm-HH:mm room: title (speakers)`, times in the zone: a programme in one glance. */
export function programme(event: MeetupEvent, zone = event.timezone): string[] {
  return event.slots.map((slot) => {
    const time = (at: MeetupEvent['start'] | undefined) => at?.setZone(zone).toFormat('HH:mm') ?? '?';
    const speakers = slot.speakers.map((speaker) => speaker.name).join(', ');
    return `${time(slot.start)}-${time(slot.end)}${slot.room ? ` ${slot.room}` : ''}: ${slot.title}${speakers ? ` (${speakers})` : ''} [${slot.kind}]`;
  });
}

export const iso = (
  instant: { toISO(options?: { suppressMilliseconds?: boolean }): string | null } | undefined,
): string | undefined => instant?.toISO({ suppressMilliseconds: true }) ?? undefined;

/** Europe/Paris as a calendar application writes it in a VTIMEZONE (the EU rules since 1996). */
export const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { clockFromEnv } from '../../src/cli/clock.ts';
import { UsageError } from '../../src/cli/usageError.ts';

const machineZone = Settings.defaultZone;
afterEach(() => {
  Settings.defaultZone = machineZone;
});

/** How far the rehearsal clock is from the instant `iso` (a few ms: it runs on from there). */
const drift = (clock: { now(): { toMillis(): number } }, iso: string) => clock.now().toMillis() - Date.parse(iso);

describe('EMCEE_NOW', () => {
  it('reads a time without an offset in the community’s zone, not the machine’s', () => {
    Settings.defaultZone = 'America/Toronto';
    const clock = clockFromEnv('2019-09-18T19:35', () => 'Europe/Paris');
    expect(drift(clock, '2019-09-18T17:35:00Z')).toBeGreaterThanOrEqual(0);
    expect(drift(clock, '2019-09-18T17:35:00Z')).toBeLessThan(5_000);
  });

  it('keeps a written offset or Z as written', () => {
    Settings.defaultZone = 'America/Toronto';
    expect(
      drift(
        clockFromEnv('2019-09-18T19:35:00+02:00', () => 'Asia/Tokyo'),
        '2019-09-18T17:35:00Z',
      ),
    ).toBeLessThan(5_000);
    expect(
      drift(
        clockFromEnv('2019-09-18T17:35:00Z', () => 'Asia/Tokyo'),
        '2019-09-18T17:35:00Z',
      ),
    ).toBeLessThan(5_000);
  });

  it('asks for the zone only when the clock is first read (the configuration is loaded by then)', () => {
    let zone: string | undefined;
    const clock = clockFromEnv('2026-03-29T03:30', () => zone ?? 'no zone yet');
    zone = 'Europe/Paris';
    expect(drift(clock, '2026-03-29T01:30:00Z')).toBeLessThan(5_000);
  });

  it('read before the zone is known (while the event files load), reads it in UTC and keeps asking', () => {
    let zone: string | undefined;
    const clock = clockFromEnv('2019-09-18T19:35', () => zone);
    expect(drift(clock, '2019-09-18T19:35:00Z')).toBeLessThan(5_000);
    zone = 'Europe/Paris';
    expect(drift(clock, '2019-09-18T17:35:00Z')).toBeGreaterThanOrEqual(0);
    expect(drift(clock, '2019-09-18T17:35:00Z')).toBeLessThan(5_000);
  });

  it('rejects what is not a date and time, saying how to write one', () => {
    expect(() => clockFromEnv('tomorrow')).toThrow(UsageError);
    expect(() => clockFromEnv('tomorrow')).toThrow(/2027-01-20T19:20 .*community’s time zone/);
  });

  it('is the system clock when unset', () => {
    expect(Math.abs(clockFromEnv('').now().toMillis() - Date.now())).toBeLessThan(1_000);
  });
});

import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { ianaName, type Context } from './icalTime.ts';

/**
 * ical.js expands a rule in the wall clock of its DTSTART. When no VTIMEZONE of the file defines
 * that DTSTART's zone (an IANA TZID alone, as many generators write, or no TZID at all), ical.js
 * reads it as a floating time, and compares it with the UTC times RFC 5545 lets a calendar write
 * beside it (UNTIL, EXDATE, RDATE, RECURRENCE-ID ending in Z) as if that wall clock were UTC. In
 * Paris, an excluded occurrence then comes back, the last one before UNTIL is lost, and a moved
 * occurrence is shown twice. Those UTC times are written here as wall-clock times of the zone the
 * series is read in (`instantOf`'s), before ical.js reads them.
 */
export function alignToWallClock(master: ICAL.Component, overrides: ICAL.Component[], context: Context): void {
  const zone = floatingZoneOf(master, context);
  if (!zone) return;
  const wall = (time: ICAL.Time): ICAL.Time => (isUtc(time) ? wallClockOf(time, zone) : time);
  for (const name of ['exdate', 'rdate'])
    for (const property of master.getAllProperties(name)) {
      const values = property.getValues() as unknown[];
      if (values.some((value) => value instanceof ICAL.Time && isUtc(value)))
        property.setValues(values.map((value) => (value instanceof ICAL.Time ? wall(value) : value)));
    }
  for (const property of master.getAllProperties('rrule')) {
    const rule: unknown = property.getFirstValue();
    if (rule instanceof ICAL.Recur && rule.until && isUtc(rule.until)) rule.until = wall(rule.until);
  }
  for (const override of overrides) {
    const property = override.getFirstProperty('recurrence-id');
    const value: unknown = property?.getFirstValue();
    if (property && value instanceof ICAL.Time && isUtc(value)) property.setValue(wall(value));
  }
}

/** The zone of a series whose DTSTART ical.js holds as floating; undefined when ical.js knows its zone. */
function floatingZoneOf(master: ICAL.Component, context: Context): string | undefined {
  const property = master.getFirstProperty('dtstart');
  const start: unknown = property?.getFirstValue();
  if (!property || !(start instanceof ICAL.Time) || start.isDate || isUtc(start)) return undefined;
  const tzid: unknown = property.getParameter('tzid');
  if (typeof tzid !== 'string') return context.floating;
  if (context.zones.has(tzid)) return undefined;
  return ianaName(tzid) ?? context.floating;
}

const isUtc = (time: ICAL.Time): boolean => time.zone?.tzid === 'UTC';

function wallClockOf(time: ICAL.Time, zone: string): ICAL.Time {
  const local = DateTime.fromSeconds(time.toUnixTime(), { zone });
  return new ICAL.Time(
    {
      year: local.year,
      month: local.month,
      day: local.day,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
      isDate: false,
    },
    ICAL.Timezone.localTimezone,
  );
}

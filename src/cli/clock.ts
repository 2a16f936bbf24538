import { DateTime } from 'luxon';
import { systemClock, type Clock } from '../core/clock.ts';
import { UsageError } from './usageError.ts';

/**
 * `EMCEE_NOW=<ISO date-time>` starts the clock there (it then runs on), for rehearsing an evening.
 * Written without an offset (`2019-09-18T19:35`) it is a wall-clock time in `zone()`, the
 * community's zone, as event files are read; the zone is asked for at each reading until it is
 * known (`zone()` undefined before), since the configuration that names it is loaded after the clock is made.
 */
export function clockFromEnv(value = process.env.EMCEE_NOW, zone: () => string | undefined = () => 'UTC'): Clock {
  if (!value) return systemClock;
  if (!DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new UsageError(
      `EMCEE_NOW="${value}" is not an ISO instant: write it like 2027-01-20T19:20 (in the community’s time zone) or 2027-01-20T19:20:00+01:00`,
    );
  }
  const startedAt = systemClock.now().toMillis();
  let offsetMs: number | undefined;
  return {
    now: () => {
      // A written offset or Z wins over the zone (setZone); only a bare wall-clock time is read in it.
      // Read before the zone is known (the event files, loaded with the configuration, read
      // repeating events around now), the time is taken in UTC, hours off at most, and not kept.
      const known = zone();
      const offset =
        offsetMs ?? DateTime.fromISO(value, { zone: known ?? 'UTC', setZone: true }).toMillis() - startedAt;
      if (known !== undefined) offsetMs = offset;
      return systemClock.now().plus({ milliseconds: offset });
    },
  };
}

import { DateTime } from 'luxon';
import { clockStartingAt, systemClock, type Clock } from '../core/clock.ts';

/** `EMCEE_NOW=<ISO instant>` starts the clock there (it then runs on), for rehearsing an evening. */
export function clockFromEnv(value = process.env.EMCEE_NOW): Clock {
  if (!value) return systemClock;
  const start = DateTime.fromISO(value, { setZone: true });
  if (!start.isValid) {
    throw new UsageError(`EMCEE_NOW="${value}" is not an ISO instant: write it like 2027-01-20T19:20:00+01:00`);
  }
  return clockStartingAt(start);
}

/** Bad command-line input: printed as is, exit code 1, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

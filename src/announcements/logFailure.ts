import type { Logger } from '../core/logger.ts';
import { StoreUnavailableError } from '../store/storeErrors.ts';

/** A store outage is logged once by the store itself; every other failure is worth a warning. */
export function logFailure(logger: Logger, error: unknown, context: Record<string, unknown>, message: string): void {
  const level = error instanceof StoreUnavailableError ? 'debug' : 'warn';
  logger[level]({ err: error, ...context }, message);
}

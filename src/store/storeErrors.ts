import { UnavailableError } from '../core/unavailable.ts';

/** `STORE_URL` names no backend emcee knows. */
export class StoreUrlError extends Error {
  constructor(url: string) {
    super(`STORE_URL="${url}" is not understood: use sqlite://data/emcee.sqlite, redis://127.0.0.1:6379 or memory://`);
    this.name = 'StoreUrlError';
  }
}

/** The store named by `STORE_URL` cannot be reached at start-up. */
export class StoreUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`STORE_URL="${url}" cannot be reached (${reasonOf(cause)}): start the server or fix STORE_URL`);
    this.name = 'StoreUnreachableError';
  }
}

/**
 * The SQLite file named by `STORE_URL` is not a sound database. Start-up stops before anything
 * reads or writes it: a damaged file would fail some commands and take writes from others.
 */
export class StoreDamagedError extends Error {
  constructor(file: string, problem: string) {
    super(
      `STORE_URL file "${file}" is damaged (${problem}): restore it from a backup, ` +
        `or move it aside (with any "${file}-wal" and "${file}-shm" beside it) to start with an empty store`,
    );
    this.name = 'StoreDamagedError';
  }
}

/**
 * The store failed while the bot was running (disk gone, Redis down). Commands turn it into a
 * "try again in a moment" reply; the store layer logs the outage once, not once per command.
 */
export class StoreUnavailableError extends UnavailableError {
  constructor(
    readonly backend: string,
    cause: unknown,
  ) {
    super(`the ${backend} store is unavailable (${reasonOf(cause)})`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

export function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message || cause.name : String(cause);
}

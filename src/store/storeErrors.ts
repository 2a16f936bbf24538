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
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`STORE_URL="${url}" cannot be reached (${reason}): start the server or fix STORE_URL`);
    this.name = 'StoreUnreachableError';
  }
}

/** What `within` gives when the work was not done in time. */
export const SLOW: unique symbol = Symbol('slow');

/**
 * The work's result if it is ready within `ms`, else SLOW (the timer is cleared either way): how
 * an adapter decides to answer at once or to defer, before a platform's deadline. It runs at every
 * command: one promise and one timer, no race of two promises nor an async frame around them.
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  return new Promise<T | typeof SLOW>((resolve, reject) => {
    const timer = setTimeout(resolve, ms, SLOW);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // The work's own reason, passed on as it is.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}

export const isSlow = (value: unknown): value is typeof SLOW => value === SLOW;

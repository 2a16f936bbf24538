/** What `within` gives when the work was not done in time. */
export const SLOW: unique symbol = Symbol('slow');

/**
 * The work's result if it is ready within `ms`, else SLOW (the timer is cleared either way): how
 * an adapter decides to answer at once or to defer, before a platform's deadline.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => (timer = setTimeout(() => resolve(SLOW), ms)));
  try {
    return await Promise.race([work, slow]);
  } finally {
    clearTimeout(timer);
  }
}

export const isSlow = (value: unknown): value is typeof SLOW => value === SLOW;

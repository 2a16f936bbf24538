/**
 * A payload field discord.js needs but the fake forgot shows up only as an unhandled rejection
 * deep inside the library, after the test has moved on. This records every unhandled rejection
 * during a test and fails that test with it.
 */
import { afterEach, beforeEach, expect } from 'vitest';

export function failOnUnhandledRejections(): void {
  const seen: unknown[] = [];
  const record = (reason: unknown) => seen.push(reason);
  beforeEach(() => {
    seen.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
    expect(seen.map((reason) => (reason instanceof Error ? reason.stack : String(reason)))).toEqual([]);
  });
}

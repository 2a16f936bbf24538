import type { z } from 'zod';

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Checks a stored record against its schema and version. A record that is not readable is never a
 * crash: the problem names what is wrong, for the log, and the caller shows the other records.
 */
export function decodeRecord<T>(schema: z.ZodType<T>, raw: unknown, version: number): Decoded<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      problem: `not a record (${raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw})`,
    };
  }
  const found = (raw as { v?: unknown }).v;
  if (found !== version) {
    return {
      ok: false,
      problem: `schema version ${JSON.stringify(found ?? null)} is not one this emcee reads (${version})`,
    };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  return { ok: false, problem: issues.join('; ') };
}

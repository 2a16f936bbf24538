import { z } from 'zod';

/**
 * What `emcee store export` writes, one JSON object a line, and `import` / `copy` read back:
 * every keyv record of every namespace (as keyv stored it, expiry included), every counter and
 * every claim with its fencing token. Backend-neutral: an SQLite export imports into Redis.
 */
export const entrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('record'),
    namespace: z.string().min(1),
    key: z.string(),
    /** keyv's stored form, `{ value, expires? }`, parsed; `raw` instead when it is not JSON. */
    stored: z.unknown().optional(),
    raw: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('counter'), key: z.string(), value: z.number().int() }),
  z.strictObject({
    kind: z.literal('claim'),
    key: z.string(),
    /** Absent for a key whose last lease ended: only its token is kept. */
    owner: z.string().optional(),
    token: z.number().int().min(0),
    /** Epoch ms: lease end, or end of retention for a settled claim. */
    expires: z.number(),
    settled: z.boolean().optional(),
  }),
]);

export type Entry = z.infer<typeof entrySchema>;

export const HEADER = { format: 'emcee-store', version: 1 } as const;
export const headerSchema = z.looseObject({ format: z.literal(HEADER.format), version: z.literal(HEADER.version) });

/** A backend whose every key can be listed and written back: SQLite (table scans) and Redis (SCAN). */
export interface Portable {
  /** Every live entry; expired records are left out (keyv would not return them either). */
  dump(): AsyncIterable<Entry>;
  /** Writes entries as they are (same keys, tokens, expiries), in batches. */
  restore(entries: readonly Entry[]): Promise<void>;
  /** Whether the store holds nothing yet: import and copy refuse to write over data. */
  isEmpty(): Promise<boolean>;
}

/** A record's expiry, if its stored form has one. */
export function recordExpiry(entry: Extract<Entry, { kind: 'record' }>): number | undefined {
  const expires = (entry.stored as { expires?: unknown } | null | undefined)?.expires;
  return typeof expires === 'number' ? expires : undefined;
}

/** The text keyv would have stored for this record. */
export function recordText(entry: Extract<Entry, { kind: 'record' }>): string {
  return entry.raw ?? JSON.stringify(entry.stored);
}

/** Parses what keyv stored: JSON, or kept as raw text so nothing is lost. */
export function recordEntry(namespace: string, key: string, text: string): Extract<Entry, { kind: 'record' }> {
  try {
    return { kind: 'record', namespace, key, stored: JSON.parse(text) };
  } catch {
    return { kind: 'record', namespace, key, raw: text };
  }
}

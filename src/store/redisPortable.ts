import type { createClient } from '@keyv/redis';
import { recordEntry, recordExpiry, recordText, type Entry, type Portable } from './portable.ts';
import { DEFAULT_RETENTION_MS } from './store.ts';

type Client = ReturnType<typeof createClient>;
type Claim = Extract<Entry, { kind: 'claim' }>;

const BATCH = 500;

/**
 * Redis lists its own keys with SCAN (never KEYS: it would block the server). Under `prefix`:
 * `count:K` counters, `claim:K` (owner, expiring with the lease) and `fence:K` (last token and
 * owner) claims, and `NAMESPACE:KEY` keyv records.
 */
export function redisPortable(client: Client, prefix: string, now: () => number = Date.now): Portable {
  return {
    async *dump() {
      const claims = new Map<string, Claim>();
      const claim = (key: string) =>
        claims.get(key) ?? claims.set(key, { kind: 'claim', key, token: 0, expires: now() }).get(key)!;
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: BATCH })) {
        const batch = client.multi();
        for (const key of keys) batch.get(key).pTTL(key);
        const replies = (await batch.exec()) as unknown as Array<string | number | null>;
        for (const [i, key] of keys.entries()) {
          const value = replies[2 * i] as string | null;
          const ttl = Number(replies[2 * i + 1]);
          if (value === null) continue; // expired between SCAN and GET
          const rest = key.slice(prefix.length);
          const split = rest.indexOf(':');
          const [kind, name] = [rest.slice(0, split), rest.slice(split + 1)];
          if (kind === 'count') yield { kind: 'counter', key: name, value: Number(value) };
          else if (kind === 'fence') claim(name).token = Number(value.split('|')[0]);
          else if (kind === 'claim')
            Object.assign(claim(name), { owner: value, expires: ttl > 0 ? now() + ttl : Number.MAX_SAFE_INTEGER });
          else if (split > 0) yield recordEntry(kind, name, value);
        }
      }
      yield* claims.values();
    },
    async restore(entries) {
      const batch = client.multi();
      for (const entry of entries) write(batch, prefix, entry, now());
      await batch.exec();
    },
    async isEmpty() {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: BATCH }))
        if (keys.length > 0) return false;
      return true;
    },
  };
}

/** What `write` uses of a MULTI batch: the client's own type for one resolves to `any`. */
type Batch = { set(key: string, value: string, options?: { expiration: { type: 'PX'; value: number } }): unknown };

function write(batch: Batch, prefix: string, entry: Entry, now: number): void {
  if (entry.kind === 'record') {
    const expires = recordExpiry(entry);
    const key = `${prefix}${entry.namespace}:${entry.key}`;
    if (expires === undefined) batch.set(key, recordText(entry));
    else if (expires > now) batch.set(key, recordText(entry), { expiration: { type: 'PX', value: expires - now } });
  } else if (entry.kind === 'counter') {
    batch.set(`${prefix}count:${entry.key}`, String(entry.value));
  } else {
    const left = Math.min(entry.expires, Number.MAX_SAFE_INTEGER) - now;
    // The token outlives the lease by a retention, as when the lease was granted here.
    batch.set(`${prefix}fence:${entry.key}`, `${entry.token}|${entry.owner ?? ''}`, {
      expiration: { type: 'PX', value: Math.max(left, 0) + DEFAULT_RETENTION_MS },
    });
    if (entry.owner && left > 0)
      batch.set(`${prefix}claim:${entry.key}`, entry.owner, { expiration: { type: 'PX', value: left } });
  }
}

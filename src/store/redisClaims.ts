import type { createClient } from '@keyv/redis';

type Client = ReturnType<typeof createClient>;

/**
 * The first versions settled a claim with PERSIST: it never expired. Gives each such claim the
 * retention of a claim settled now, once at start-up (SCAN, so the server is never blocked).
 */
export async function expirePersistedClaims(client: Client, prefix: string, retentionMs: number): Promise<number> {
  let changed = 0;
  for await (const keys of client.scanIterator({ MATCH: `${prefix}claim:*`, COUNT: 500 })) {
    if (keys.length === 0) continue;
    const ttls = await Promise.all(keys.map((key) => client.pTTL(key)));
    const persisted = keys.filter((_, i) => Number(ttls[i]) === -1);
    // Only versions older than this one write claims without an expiry (PEXPIRE NX, which would
    // close even that race, needs Redis 7).
    const results = await Promise.all(persisted.map((key) => client.pExpire(key, retentionMs)));
    changed += results.filter((result) => Number(result) === 1).length;
  }
  return changed;
}

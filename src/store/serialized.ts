import type Keyv from 'keyv';

/**
 * A record as `keyv.set(key, value)` (no expiry) would store it, for the writes a backend makes
 * itself inside a transaction; read back through the same namespace, it is the same value.
 */
export async function serialized(keyv: Keyv<unknown>, value: unknown): Promise<string> {
  const data = { value };
  return keyv.serialize ? await keyv.serialize(data) : JSON.stringify(data);
}

/**
 * `compute` with its last few answers kept, most recent first: reading a page asks the same small
 * question a few times in a row (a line's text keyed by several checks, a time met again by the
 * next slot), and a larger table would only keep garbage alive between collections.
 */
export function rememberingLast<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const keys: K[] = [];
  const values: V[] = [];
  return (key) => {
    const seen = keys.indexOf(key);
    if (seen >= 0) return values[seen] as V;
    const value = compute(key);
    keys.unshift(key);
    values.unshift(value);
    if (keys.length > size) {
      keys.pop();
      values.pop();
    }
    return value;
  };
}

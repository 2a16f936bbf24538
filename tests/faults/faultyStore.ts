import type { Store } from '../../src/store/store.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { StoreHealth } from '../../src/store/storeHealth.ts';

// A lock's release is left out: one that fails leaves a lease to expire (1.5 s), by design, which
// only slows the test down; what is checked here is the fate of the data writes.
const WRITES = new Set([
  'set',
  'setMany',
  'delete',
  'deleteMany',
  'clear',
  'lease',
  'claim',
  'settle',
  'increment',
  'commit',
]);

/**
 * A store whose writes fail when `fail()` says so, with the error SQLite gives on a full disk,
 * passed through the store layer's own health guard as a real backend failure is: callers see
 * StoreUnavailableError. Reads always work (a full disk still reads).
 */
export function diskFullStore(inner: Store, fail: () => boolean): Store {
  const health = new StoreHealth(inner.kind, silentLogger);
  const guarded = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property === 'namespace')
          return (name: string) => guarded((value as (n: string) => object).call(object, name));
        if (typeof value !== 'function') return value;
        if (!WRITES.has(String(property))) return value.bind(object);
        return (...args: unknown[]) =>
          health.run(async () => {
            if (fail())
              throw Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
            return (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          });
      },
    });
  return guarded(inner);
}

import type { Store } from '../store/store.ts';
import { StoreUnavailableError } from '../store/storeErrors.ts';

/** The Store methods that reach the backend, and the keyv ones of its namespaces. */
const STORE_IO = new Set(['lease', 'claim', 'settle', 'release', 'increment', 'commit', 'counters']);
const KEYV_IO = new Set(['get', 'getMany', 'set', 'setMany', 'delete', 'deleteMany', 'has', 'hasMany', 'clear']);

/**
 * The same store, with `failed` told of every operation the backend could not serve (the store
 * layer turns those into StoreUnavailableError). Nothing else changes: results, errors and
 * namespaces pass through, each namespace wrapped once.
 */
export function observedStore(store: Store, failed: (backend: string) => void): Store {
  const namespaces = new Map<string, unknown>();
  const counting = <T extends object>(target: T, methods: ReadonlySet<string>): T => {
    // One wrapper per method, made at its first use and kept while the method stays the same:
    // the store is read at every command, and a new function per read was work for the GC.
    const wrappers = new Map<string | symbol, { of: unknown; wrapper: unknown }>();
    const wrap = (object: T, property: string | symbol, value: (...a: unknown[]) => unknown): unknown => {
      if (typeof property !== 'string' || !methods.has(property)) return value.bind(object);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(object, args);
        } catch (error) {
          if (error instanceof StoreUnavailableError) failed(error.backend);
          throw error;
        }
      };
    };
    return new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        const kept = wrappers.get(property);
        if (kept?.of === value) return kept.wrapper;
        const wrapper = wrap(object, property, value as (...a: unknown[]) => unknown);
        wrappers.set(property, { of: value, wrapper });
        return wrapper;
      },
    });
  };
  const outer = counting(store, STORE_IO);
  return new Proxy(outer, {
    get(object, property) {
      if (property !== 'namespace') return Reflect.get(object, property) as unknown;
      return (name: string) => {
        if (!namespaces.has(name)) namespaces.set(name, counting(store.namespace(name), KEYV_IO));
        return namespaces.get(name);
      };
    },
  });
}

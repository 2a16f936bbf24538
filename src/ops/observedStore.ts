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
  const counting = <T extends object>(target: T, methods: ReadonlySet<string>): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function' || typeof property !== 'string' || !methods.has(property))
          return typeof value === 'function' ? (value.bind(object) as unknown) : value;
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
          } catch (error) {
            if (error instanceof StoreUnavailableError) failed(error.backend);
            throw error;
          }
        };
      },
    });
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

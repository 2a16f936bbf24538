import type { Logger } from '../core/logger.ts';
import { reasonOf, StoreUnavailableError } from './storeErrors.ts';

/** The keyv adapter methods that reach the backend. */
export const ADAPTER_IO = [
  'get',
  'getMany',
  'set',
  'setMany',
  'delete',
  'deleteMany',
  'has',
  'hasMany',
  'clear',
] as const;

/**
 * Whether the backend answers. Every backend call goes through `run`, so a failure reaches the
 * command as a StoreUnavailableError (a friendly reply, never a crash), and an outage is logged
 * once when it starts and once when it ends, not once per failed command.
 */
export class StoreHealth {
  private down = false;

  constructor(
    private readonly backend: string,
    private readonly logger: Logger,
  ) {}

  lost(cause: unknown): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(
      { store: this.backend, reason: reasonOf(cause) },
      'store connection lost: commands that need it ask to try again',
    );
  }

  back(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info({ store: this.backend }, 'store connection back');
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.back();
      return result;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      this.lost(error);
      throw new StoreUnavailableError(this.backend, error);
    }
  }

  /** The same adapter, its backend calls run through `run`; everything else untouched. */
  adapter<A extends object>(adapter: A, methods: readonly string[] = ADAPTER_IO): A {
    return new Proxy(adapter, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function' || typeof property !== 'string' || !methods.includes(property)) return value;
        return (...args: unknown[]) =>
          this.run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      },
    });
  }
}

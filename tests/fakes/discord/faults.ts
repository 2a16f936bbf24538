/**
 * Fault injection per route: the next N requests answer 429 the way Discord does, or every
 * request waits a while before being answered. Routes are the patterns of routes.ts, so a typo
 * in a test fails to compile.
 */
import type { RouteKey } from './routes.ts';

export interface RateLimitOptions {
  /** How many requests in a row are refused (default 1). */
  times?: number;
  /** Seconds the client must wait (Discord sends fractions, e.g. 0.25). */
  retryAfter?: number;
  /** A global limit (X-RateLimit-Global, scope "global") instead of a per-route one. */
  global?: boolean;
}

export interface RateLimitFault {
  retryAfter: number;
  global: boolean;
}

export class Faults {
  private readonly limits = new Map<RouteKey, { left: number; fault: RateLimitFault }>();
  private readonly delays = new Map<RouteKey, number>();

  rateLimit(route: RouteKey, options: RateLimitOptions = {}): void {
    const fault = { retryAfter: options.retryAfter ?? 0.25, global: options.global ?? false };
    this.limits.set(route, { left: options.times ?? 1, fault });
  }

  /** Answer every request to `route` after `ms` milliseconds (0 removes the delay). */
  delay(route: RouteKey, ms: number): void {
    if (ms > 0) this.delays.set(route, ms);
    else this.delays.delete(route);
  }

  /** The 429 this request must get, if any; consumes one of the injected refusals. */
  takeRateLimit(route: RouteKey): RateLimitFault | undefined {
    const entry = this.limits.get(route);
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.limits.delete(route);
    return entry.fault;
  }

  delayFor(route: RouteKey): number {
    return this.delays.get(route) ?? 0;
  }

  clear(): void {
    this.limits.clear();
    this.delays.clear();
  }
}

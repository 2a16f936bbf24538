import type { Store } from '../store/store.ts';
import { reasonOf } from '../store/storeErrors.ts';

/** A platform as readiness sees it: connected, or why not. */
export interface PlatformState {
  /** True when connected; else the reason, said in /readyz. */
  connected(): true | string;
}

export interface ReadinessReport {
  ready: boolean;
  /** One line per thing not ready, e.g. `store: the redis store is unavailable (…)`. */
  reasons: string[];
}

/** How long the store may take to answer the readiness probe before it counts as not reachable. */
const STORE_PROBE_MS = 1_000;
const PROBE_KEY = 'ops:readiness';

/**
 * Whether the process can do its work: its store answers and every configured platform is
 * connected. Stores and platforms register as they start and leave as they stop; a process
 * that has registered nothing yet is not ready (still starting).
 */
export class Readiness {
  private readonly stores = new Set<Store>();
  private readonly platforms = new Map<string, PlatformState>();

  watchStore(store: Store): () => void {
    this.stores.add(store);
    return () => this.stores.delete(store);
  }

  watchPlatform(name: string, state: PlatformState): () => void {
    this.platforms.set(name, state);
    return () => {
      if (this.platforms.get(name) === state) this.platforms.delete(name);
    };
  }

  async check(): Promise<ReadinessReport> {
    const reasons: string[] = [];
    if (this.stores.size === 0) reasons.push('store: not open yet (starting or stopping)');
    for (const store of this.stores) {
      const problem = await probe(store);
      if (problem) reasons.push(`store: ${problem}`);
    }
    for (const [name, state] of this.platforms) {
      const connected = state.connected();
      if (connected !== true) reasons.push(`${name}: ${connected}`);
    }
    return { ready: reasons.length === 0, reasons };
  }
}

/** One read round trip, bounded in time: a slow backend is as unready as an absent one. */
async function probe(store: Store): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`the ${store.kind} store did not answer within ${STORE_PROBE_MS} ms`),
      STORE_PROBE_MS,
    );
  });
  try {
    return await Promise.race([
      store.counters([PROBE_KEY]).then(
        () => undefined,
        (error: unknown) => reasonOf(error),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

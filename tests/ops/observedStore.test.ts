import { describe, expect, it } from 'vitest';
import { observedStore } from '../../src/ops/observedStore.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { StoreUnavailableError } from '../../src/store/storeErrors.ts';

describe('observedStore', () => {
  it('passes reads and writes through, the same wrapper at every use', async () => {
    const failures: string[] = [];
    const store = observedStore(memoryStore(), (backend) => failures.push(backend));
    const records = store.namespace<{ title: string }>('proposals');
    await records.set('p1', { title: 'Elastic Pod Controller' });
    expect(await records.get('p1')).toEqual({ title: 'Elastic Pod Controller' });
    expect(records.get).toBe(records.get);
    expect(store.namespace('proposals')).toBe(records);
    expect(failures).toEqual([]);
  });

  it('tells of every operation the backend could not serve, and passes the failure on', async () => {
    const failures: string[] = [];
    let reads = 0;
    const down = new StoreUnavailableError('redis', new Error('ECONNREFUSED'));
    const backend = {
      namespace: () => ({
        get: async () => {
          reads += 1;
          if (reads > 1) throw down;
          return 'first';
        },
      }),
      lease: async () => {
        throw new Error('a bug, not an outage');
      },
    } as unknown as Store;
    const store = observedStore(backend, (name) => failures.push(name));
    const records = store.namespace('proposals');
    expect(await records.get('p1')).toBe('first');
    await expect(records.get('p1')).rejects.toBe(down);
    await expect(records.get('p1')).rejects.toBe(down);
    await expect(store.lease('event', 'slack', 1_000)).rejects.toThrow('a bug');
    expect(failures).toEqual(['redis', 'redis']);
  });
});

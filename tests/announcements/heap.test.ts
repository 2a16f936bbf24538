import { describe, expect, it } from 'vitest';
import { Heap } from '../../src/announcements/heap.ts';

describe('the scheduler’s queue (binary min-heap)', () => {
  it('pops in order, ties in insertion order when the comparator says so', () => {
    let seq = 0;
    const heap = new Heap<{ at: number; seq: number }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
    const values = Array.from({ length: 5_000 }, (_, i) => ((i * 7919) % 1000) * 10);
    for (const at of values) heap.push({ at, seq: seq++ });
    expect(heap.size).toBe(5_000);
    const out: Array<{ at: number; seq: number }> = [];
    for (let item = heap.pop(); item; item = heap.pop()) out.push(item);
    const expected = values.map((at, i) => ({ at, seq: i })).sort((a, b) => a.at - b.at || a.seq - b.seq);
    expect(out).toEqual(expected);
    expect(heap.pop()).toBeUndefined();
  });

  it('interleaves pushes and pops as a timer queue does', () => {
    const heap = new Heap<number>((a, b) => a < b);
    [50, 10, 40].forEach((n) => heap.push(n));
    expect(heap.pop()).toBe(10);
    heap.push(5);
    heap.push(45);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([5, 40, 45, 50]);
    expect(heap.peek()).toBeUndefined();
  });
});

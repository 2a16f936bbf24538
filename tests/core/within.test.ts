import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSlow, SLOW, within } from '../../src/core/within.ts';

describe('within', () => {
  afterEach(() => void vi.useRealTimers());

  it("gives the work's result when it is ready in time, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const answer = within(Promise.resolve('programme'), 1_500);
    await expect(answer).resolves.toBe('programme');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives SLOW at the deadline while the work goes on, and the work still ends', async () => {
    vi.useFakeTimers();
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const answer = within(work, 1_500);
    await vi.advanceTimersByTimeAsync(1_499);
    let early: unknown = 'pending';
    void answer.then((value) => (early = value));
    await vi.advanceTimersByTimeAsync(0);
    expect(early).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(isSlow(await answer)).toBe(true);
    expect(await answer).toBe(SLOW);
    finish('late programme');
    await expect(work).resolves.toBe('late programme');
  });

  it("passes the work's failure on when it fails in time, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const failure = new Error('store down');
    await expect(within(Promise.reject(failure), 1_500)).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no unhandled rejection when the work fails after the deadline', async () => {
    vi.useFakeTimers();
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<string>((_, reject) => (fail = reject));
    const answer = within(work, 10);
    await vi.advanceTimersByTimeAsync(10);
    expect(await answer).toBe(SLOW);
    fail(new Error('too late'));
    await expect(work).rejects.toThrow('too late');
  });
});

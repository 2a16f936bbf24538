import { createTask } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileCron, matchesNaive, type CronSpec } from '../../src/announcements/cron.ts';
import { nextCronRun, nextCronRuns } from '../../src/announcements/occurrences.ts';

function spec(expression: string): CronSpec {
  const check = compileCron(expression);
  if (!check.ok) throw new Error(`${expression}: ${JSON.stringify(check.errors)}`);
  return check.spec;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Expressions covering node-cron's syntax: lists, ranges, steps, names, L, W, #, nicknames, seconds. */
const EXPRESSIONS = [
  '0 10 * * 1',
  '30 18 * * *',
  '*/15 * * * *',
  '0 9 1 * *',
  '0 0 L * *',
  '0 0 L-3 * *',
  '0 0 LW * *',
  '0 0 15W * *',
  '0 12 * * 1#2',
  '0 20 * * 5L',
  '0 9 * jan,feb mon-fri',
  '0 0 29 2 *',
  '5-10/2 3,4 * * 0',
  '@hourly',
  '@weekly',
  '*/20 * * * * *',
  '0 0 31 * *',
  '0 8 1-7 * 1',
];

describe('cron matching agrees with node-cron', () => {
  afterEach(() => void vi.useRealTimers());

  it.each(EXPRESSIONS)('%s: the next 25 runs are node-cron’s (UTC, where no DST interferes)', (expression) => {
    const from = Date.UTC(2026, 0, 30, 23, 59, 30);
    vi.useFakeTimers({ now: from, toFake: ['Date'] });
    const task = createTask(expression, () => undefined, { timezone: 'UTC' });
    const theirs = task.getNextRuns(25).map((date) => date.toISOString());
    void task.destroy();
    expect(nextCronRuns(spec(expression), 'UTC', from, 25).map(iso)).toEqual(theirs);
  });

  it('matches exactly the minutes node-cron matches over two months of a busy expression', () => {
    const expression = '*/7 8-18 L,1,15W * 1-5';
    const task = createTask(expression, () => undefined, { timezone: 'UTC' });
    const compiled = spec(expression);
    const disagreements: string[] = [];
    let matches = 0;
    for (let t = Date.UTC(2026, 4, 1); t < Date.UTC(2026, 6, 1); t += 60_000) {
      const ours = matchesNaive(compiled, t);
      if (ours) matches += 1;
      if (ours !== task.match(new Date(t))) disagreements.push(iso(t));
    }
    void task.destroy();
    expect(disagreements).toEqual([]);
    expect(matches).toBeGreaterThan(400);
  });

  it('names the faulty field through node-cron’s validateDetailed', () => {
    const check = compileCron('0 25 * * *');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[0]).toMatchObject({ field: 'hour', value: '25' });
    const shape = compileCron('0 10 * *');
    if (!shape.ok) expect(shape.errors[0]?.field).toBe('expression');
    expect(compileCron('0 0 30 2 *').ok).toBe(false);
  });

  it('finds rare dates years ahead (29 February on a Monday, both fields must match as in node-cron)', () => {
    expect(iso(nextCronRun(spec('0 0 29 2 1'), 'UTC', Date.UTC(2026, 0, 1))!)).toBe('2044-02-29T00:00:00.000Z');
  });

  it('is strictly after the given instant, at whole seconds', () => {
    const at = Date.UTC(2026, 5, 1, 10, 0, 0);
    expect(nextCronRun(spec('0 10 * * *'), 'UTC', at)).toBe(Date.UTC(2026, 5, 2, 10, 0, 0));
    expect(nextCronRun(spec('0 10 * * *'), 'UTC', at - 1)).toBe(at);
    expect(nextCronRun(spec('* * * * * *'), 'UTC', at + 300)).toBe(at + 1000);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaseMs } from '../../src/announcements/settings.ts';
import { loadConfig } from '../../src/config/load.ts';
import { formatProblem } from '../../src/config/problems.ts';

async function load(extra: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-settings-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', 'c'), { recursive: true });
  writeFileSync(path.join(dir, 'communities', 'c.yaml'), `name: C\ntimezone: Europe/Paris\nlocale: fr\n${extra}`);
  return loadConfig(dir);
}

describe('reminders and schedule settings', () => {
  it('default to 7 days, 1 day and 1 hour before, doors open, feedback, a 10-minute starting deadline and 3 retries', async () => {
    const config = await load('');
    const community = config.communities[0]!.community;
    expect(community.reminders).toEqual({
      enabled: true,
      before: [604_800_000, 86_400_000, 3_600_000],
      doorsOpen: true,
      feedback: true,
    });
    expect(community.schedule).toEqual({
      startingDeadline: 600_000,
      catchUp: 'latest',
      retries: 3,
      retryDelay: 2_000,
      postTimeout: 15_000,
      channels: [],
      retention: 30 * 86_400_000,
    });
    // Every attempt with its timeout, the backoff delays (+20 % jitter) and a margin.
    expect(leaseMs(community.schedule)).toBe(4 * 15_000 + 5_000 + (2_000 + 4_000 + 8_000) * 1.2);
  });

  it('reads ISO 8601 durations and names the field of a bad one, with an example', async () => {
    const good = await load(
      'reminders:\n  before: [P2D, PT30M]\n  feedback: false\nschedule:\n  startingDeadline: PT5M\n',
    );
    expect(good.communities[0]!.community.reminders.before).toEqual([172_800_000, 1_800_000]);
    expect(good.communities[0]!.community.schedule.startingDeadline).toBe(300_000);
    const bad = await load('reminders:\n  before: [7 days]\nschedule:\n  retrys: 2\n');
    const text = bad.problems.map(formatProblem).join('\n');
    expect(text).toContain('field `reminders.before[0]`');
    expect(text).toContain('such as "P7D"');
    expect(text).toContain('unknown field `retrys`: did you mean `retries`?');
  });

  it('reads schedule.catchUp (latest or all) and names the choices when it is neither', async () => {
    const all = await load('schedule:\n  catchUp: all\n');
    expect(all.communities[0]!.community.schedule.catchUp).toBe('all');
    const bad = await load('schedule:\n  catchUp: everything\n');
    const text = bad.problems.map(formatProblem).join('\n');
    expect(text).toContain('field `schedule.catchUp`');
    expect(text).toMatch(/"everything".*"latest", "all"/);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmceeProcess } from './emceeProcess.ts';

/** A config folder with one community whose reminders are off, posting in #annonces. */
export function tempConfig(schedule = 'retries: 1\n  retryDelay: PT1S\n  postTimeout: PT2S'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-announce-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', 'test'), { recursive: true });
  writeFileSync(
    path.join(dir, 'communities', 'test.yaml'),
    `name: Test community\ntimezone: Europe/Paris\nlocale: en\norganisers:\n  users: [boss]\nchannels:\n  announcements: annonces\n  organisers: orga\nreminders:\n  enabled: false\nschedule:\n  ${schedule}\n`,
  );
  return dir;
}

/**
 * `emcee start --stay` on `configDir` as the organiser `boss` (console adapter, posts on stdout):
 * types `lines`, then keeps running its scheduler after the end of its input.
 */
export function announcingBot(
  configDir: string,
  env: Record<string, string>,
  lines: string[] = [],
  extraArgs: string[] = ['--stay'],
): EmceeProcess {
  return new EmceeProcess(['start', '--config', configDir, '--as', 'organiser', '--user', 'boss', ...extraArgs], {
    env,
    input: lines,
  });
}

/** How many times each post was made: a duplicate shows as a count above 1. */
export function countEach(posts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of posts) counts.set(post, (counts.get(post) ?? 0) + 1);
  return counts;
}

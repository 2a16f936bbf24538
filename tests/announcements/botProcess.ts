import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/cli.ts';

const BIN = path.join(ROOT, 'bin', 'emcee.mjs');

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

/** A running `emcee start --stay` (console adapter): its output as it comes, and ways to wait on it. */
export class Bot {
  stdout = '';
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor(configDir: string, env: Record<string, string>, lines: string[] = [], extraArgs: string[] = ['--stay']) {
    this.child = spawn(process.execPath, [BIN, 'start', '--config', configDir, '--as', 'organiser', '--user', 'boss', ...extraArgs], {
      cwd: ROOT,
      env: { ...process.env, EMCEE_LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  }

  /** Messages posted to #annonces, in order. */
  posts(): string[] {
    return [...this.stdout.matchAll(/^\[#annonces\] (.*)$/gm)].map((match) => match[1] as string);
  }

  /** Polls the output until `ready` holds, or fails after `timeoutMs` with what was seen. */
  async waitFor(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  kill9(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Polls `ready` until it holds or the time is up. */
export async function until(ready: () => boolean, what: string, timeoutMs: number, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function countEach(posts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of posts) counts.set(post, (counts.get(post) ?? 0) + 1);
  return counts;
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { ROOT } from './root.ts';

const BIN = path.join(ROOT, 'bin', 'emcee.mjs');

/** How long a graceful stop may take before the process is killed. */
const STOP_GRACE_MS = 10_000;

/** Every process started and not yet gone: `stopAll` ends them whatever the test did. */
const running = new Set<EmceeProcess>();

/** Fires whenever any process prints or ends, so that one wait can watch several processes. */
const activity = new EventEmitter().setMaxListeners(0);

export interface ProcessOptions {
  env?: Record<string, string | undefined>;
  /** Lines typed into stdin at once. */
  input?: string[];
  /** Keep stdin open after `input`, for `type`; otherwise the process sees the end of its input. */
  keepInputOpen?: boolean;
}

/**
 * A running `emcee` (the real entry point, what `npm start` runs): its output as it comes, lines
 * typed into it, waits on what it prints (woken by each chunk of output, bounded in time), and
 * ways to end it. `stopAll` in an afterEach ends any a test left running, even a failed one.
 */
export class EmceeProcess {
  stdout = '';
  stderr = '';
  /** The exit code once the process ended and its output was read to the end (null: killed by a signal). */
  readonly exited: Promise<number | null>;
  private ended = false;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(
    readonly args: string[],
    options: ProcessOptions = {},
  ) {
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, EMCEE_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(this);
    this.child.stdout.on('data', (chunk: Buffer) => this.print('stdout', chunk));
    this.child.stderr.on('data', (chunk: Buffer) => this.print('stderr', chunk));
    // 'close', not 'exit': by then every byte it wrote has been read.
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code) => {
        this.ended = true;
        running.delete(this);
        activity.emit('activity');
        resolve(code);
      }),
    );
    const input = (options.input ?? []).map((line) => `${line}\n`).join('');
    if (options.keepInputOpen) this.child.stdin.write(input);
    else this.child.stdin.end(input);
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Messages posted to `#channel`, in order (the console prints each post as `[#channel] …`). */
  posts(channel = 'annonces'): string[] {
    return [...this.stdout.matchAll(new RegExp(`^\\[#${channel}\\] (.*)$`, 'gm'))].map((match) => match[1] as string);
  }

  /** Waits until stdout matches `ready` (or `ready()` holds); fails at once if the process ends first. */
  waitFor(ready: RegExp | (() => boolean), what = String(ready), timeoutMs = 20_000): Promise<void> {
    const holds = ready instanceof RegExp ? () => ready.test(this.stdout) : ready;
    return whenPrinted(
      () => {
        if (holds()) return true;
        if (this.ended) throw new Error(`emcee ${this.args.join(' ')} ended before ${what}\n${this.shown()}`);
        return false;
      },
      what,
      timeoutMs,
      () => this.shown(),
    );
  }

  /** Ends the process the hard way: no exit handler, no store close, no flush. */
  kill9(): Promise<number | null> {
    if (!this.ended) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM, as Kubernetes and `docker stop` send; SIGKILL if it has not ended after `graceMs`. */
  async stop(graceMs = STOP_GRACE_MS): Promise<number | null> {
    if (this.ended) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  shown(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }

  private print(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    this[stream] += chunk.toString();
    activity.emit('activity');
  }
}

/**
 * Resolves once `ready()` holds, checked now and again each time any process prints or ends;
 * fails after `timeoutMs` with `shown()`, or with what `ready` throws.
 */
export function whenPrinted(
  ready: () => boolean,
  what: string,
  timeoutMs: number,
  shown: () => string = () => '',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      activity.off('activity', check);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      try {
        if (ready()) finish();
      } catch (error) {
        finish(error as Error);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${shown()}`)),
      timeoutMs,
    );
    activity.on('activity', check);
    check();
  });
}

/** Kills every process still running: for afterEach/afterAll, so that a failed test leaves none behind. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.kill9()));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `emcee` with `lines` typed into its stdin as a user would, and waits for it to exit at the
 * end of input; killed and failed after `timeoutMs`.
 */
export async function runCli(
  args: string[],
  lines: string[] = [],
  env: Record<string, string | undefined> = {},
  timeoutMs = 20_000,
): Promise<CliResult> {
  const child = new EmceeProcess(args, { env, input: lines });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void child.kill9();
      reject(new Error(`emcee ${args.join(' ')} did not exit within ${timeoutMs} ms\n${child.shown()}`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([child.exited, late]);
    return { code, stdout: child.stdout, stderr: child.stderr };
  } finally {
    clearTimeout(timer);
  }
}

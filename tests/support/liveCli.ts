import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './cli.ts';

/**
 * A running `emcee` process whose stdin stays open: a test types a line, waits for the answer to
 * appear on stdout (polled with a deadline, never a fixed sleep), and may kill it at any moment.
 */
export class LiveCli {
  stdout = '';
  stderr = '';
  private readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [path.join(ROOT, 'bin', 'emcee.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, EMCEE_LOG_LEVEL: 'error', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Ends the process the hard way: no exit handler, no store close, no flush. */
  kill9(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

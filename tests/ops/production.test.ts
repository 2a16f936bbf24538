import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, feeding `input`; killed (and failing the test) past `timeoutMs`. */
function run(
  command: string,
  args: string[],
  cwd: string,
  options: { input?: string; env?: Record<string, string>; timeoutMs: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, options.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * What the Dockerfile does, in a clean folder on this machine (no Docker engine here): the
 * compiled bot, `npm ci --omit=dev` from the lockfile, then the bot started from there. The
 * install skips install scripts and reuses this checkout's sqlite3 build (same lockfile version,
 * same Node) instead of compiling it again for a minute and a half; the image compiles its own.
 */
describe('production install from the compiled output', () => {
  const app = mkdtempSync(path.join(tmpdir(), 'emcee-production-'));
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('installs production dependencies only, then check-config and a console /agenda run from dist/', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const build = await run(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(app, 'dist')],
      ROOT,
      { timeoutMs: 240_000 },
    );
    expect(build.stdout + build.stderr, 'the build').toBe('');
    expect(build.code).toBe(0);
    for (const item of ['package.json', 'package-lock.json', 'bin', 'config'])
      cpSync(path.join(ROOT, item), path.join(app, item), { recursive: true });

    const flags = ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'];
    const install = await run('npm', flags, app, { timeoutMs: 240_000 });
    expect(install.code, install.stderr).toBe(0);
    cpSync(path.join(ROOT, 'node_modules', 'sqlite3', 'build'), path.join(app, 'node_modules', 'sqlite3', 'build'), {
      recursive: true,
    });
    // Production dependencies only, and no sources: what runs can only be dist/.
    for (const dev of ['typescript', 'vitest', 'fast-check'])
      expect(existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(path.join(app, 'node_modules', 'discord.js'))).toBe(true);
    expect(existsSync(path.join(app, 'src'))).toBe(false);

    const env = { STORE_URL: `sqlite://${path.join(app, 'data', 'emcee.sqlite')}`, EMCEE_NOW: '2026-06-01T12:00' };
    const check = await run(process.execPath, ['bin/emcee.mjs', 'check-config'], app, { env, timeoutMs: 60_000 });
    expect(check.stdout).toMatch(/configuration is valid/);
    expect(check.code).toBe(0);
    const agenda = await run(process.execPath, ['bin/emcee.mjs', 'start', '--locale', 'en'], app, {
      env,
      input: '/agenda\n',
      timeoutMs: 60_000,
    });
    expect(agenda.stdout).toMatch(/#12 SRE Paris/);
    expect(agenda.stdout).toMatch(/Du chaos engineering en production/);
    expect(agenda.code).toBe(0);
    expect(existsSync(path.join(app, 'data', 'emcee.sqlite'))).toBe(true);
  }, 600_000);
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Whether a real redis-server can be started here. CI sets EMCEE_REQUIRE_REDIS=1 so absence fails. */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version']).status === 0;
  if (!found && process.env.EMCEE_REQUIRE_REDIS === '1') {
    throw new Error('EMCEE_REQUIRE_REDIS=1 but redis-server is not installed (apt-get install redis-server)');
  }
  return found;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Where its append-only file is: a server started again on the same port and dir has the same data. */
  dir: string;
  stop(): Promise<void>;
}

/** A free loopback port, asked of the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a throwaway redis-server on 127.0.0.1 with an append-only file, as production should run.
 * Pass the port and dir of a stopped one to bring the same server back (an outage that ends).
 */
export async function startRedis(again?: { port: number; dir: string }): Promise<RedisServer> {
  const port = again?.port ?? (await freePort());
  const dir = again?.dir ?? mkdtempSync(path.join(tmpdir(), 'emcee-redis-'));
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForReady(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => stopChild(child),
  };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

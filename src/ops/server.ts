import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../core/logger.ts';
import type { Ops } from './ops.ts';
import { opsRoutes, type OpsRoute } from './routes.ts';

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Loopback by default: metrics and readiness are for the operator, not the internet. */
export const DEFAULT_HOST = '127.0.0.1';

/** The standalone endpoint, for when no Slack HTTP receiver already listens on PORT. */
export async function startOpsServer(
  ops: Ops,
  options: { port: number; host?: string; routes?: OpsRoute[] },
): Promise<OpsServer> {
  const routes = options.routes ?? opsRoutes(ops);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find((r) =>
      r.path.includes('/:') ? path.startsWith(r.path.slice(0, r.path.indexOf(':'))) : r.path === path,
    );
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    if (req.method !== route.method && req.method !== 'HEAD')
      return void res.writeHead(405, { allow: route.method }).end();
    route.handler(req, res);
  });
  await listen(server, options.port, options.host ?? DEFAULT_HOST);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * `PORT` set: the endpoint on `HOST` (default 127.0.0.1), unless Slack's HTTP receiver holds
 * that port (it then mounts `opsRoutes` itself). Undefined when nothing was started.
 */
export async function opsServerFromEnv(
  ops: Ops,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpsServer | undefined> {
  if (!env.PORT) return undefined;
  const server = await startOpsServer(ops, { port: Number(env.PORT), host: env.HOST || DEFAULT_HOST });
  logger.info(
    { port: server.port, host: env.HOST || DEFAULT_HOST },
    'operator endpoint listening: /healthz /readyz /metrics',
  );
  return server;
}

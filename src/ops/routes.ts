import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ops } from './ops.ts';

/**
 * One route of the operator's endpoint, in the shape Bolt's HTTPReceiver `customRoutes` mounts,
 * so that the same routes serve on Slack's port when Slack's HTTP receiver runs.
 */
export interface OpsRoute {
  path: string;
  method: 'GET';
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * /healthz (alive), /readyz (store reachable, platforms connected; 503 with the reasons), /metrics
 * (Prometheus), /calendar/<community>.ics (the community's calendar feed, to subscribe to).
 */
export function opsRoutes(ops: Ops): OpsRoute[] {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => text(res, 200, 'ok\n') },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) =>
        void ops.readiness.check().then(
          (report) =>
            text(res, report.ready ? 200 : 503, report.ready ? 'ready\n' : `not ready\n${report.reasons.join('\n')}\n`),
          (error: unknown) => text(res, 503, `not ready\n${String(error)}\n`),
        ),
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) =>
        void ops.metrics.exposition().then(
          ({ contentType, body }) => text(res, 200, body, contentType),
          (error: unknown) => text(res, 500, `${String(error)}\n`),
        ),
    },
    // Bolt's customRoutes match `:file` themselves; the standalone server matches the prefix.
    { path: '/calendar/:file', method: 'GET', handler: (req, res) => calendar(ops, req, res) },
  ];
}

function calendar(ops: Ops, req: IncomingMessage, res: ServerResponse): void {
  const id = /^\/calendar\/([\w.-]+)\.ics$/.exec((req.url ?? '').split('?')[0] ?? '')?.[1];
  const feed = id === undefined ? undefined : ops.calendar(id);
  if (!feed) return text(res, 404, 'no such community calendar\n');
  feed.then(
    (body) => text(res, 200, body, 'text/calendar; charset=utf-8'),
    // The store away: the feed cannot be built now; a calendar client tries again later.
    () => text(res, 503, 'calendar unavailable, try again later\n'),
  );
}

function text(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
}

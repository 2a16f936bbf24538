/**
 * REST v10 over HTTP: reads the request (JSON or multipart with `payload_json`), checks the bot
 * token where Discord does, applies injected faults (delay, then 429 with the headers
 * @discordjs/rest reads: Retry-After, X-RateLimit-*), calls the route's handler, records it all.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults, RateLimitFault } from './faults.ts';
import { fail, type Handler, type RestReply } from './reply.ts';
import { TOKEN_IN_PATH, matchRoute, type RouteKey } from './routes.ts';
import { Recorded } from './waiting.ts';

export const API_PREFIX = '/api/v10';

export interface RecordedRequest {
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  /** The path after /api/v10, as sent (`%40original` stays encoded). */
  path: string;
  route?: RouteKey;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: string[];
  authorization?: string;
  status: number;
  response?: unknown;
}

export class Rest {
  readonly requests = new Recorded<RecordedRequest>('a REST request');
  /** Errors thrown inside the fake's handlers (answered 500): a test should expect none. */
  readonly failures = new Recorded<Error>('a failure inside the fake');

  constructor(
    private readonly handlers: Record<RouteKey, Handler>,
    private readonly faults: Faults,
    private readonly token: string,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const authorization = request.headers.authorization;
    const { body, files } = await readBody(request);
    const match = url.pathname.startsWith(API_PREFIX) ? matchRoute(method, path) : undefined;
    const record: RecordedRequest = {
      at,
      method,
      path,
      params: match?.params ?? {},
      query: url.searchParams,
      body,
      files,
      status: 0,
    };
    if (match) record.route = match.route;
    if (authorization !== undefined) record.authorization = authorization;
    const { reply, headers } = await this.answer(match?.route, record);
    record.status = reply.status;
    record.response = reply.body;
    this.requests.push(record);
    send(response, reply, headers);
  }

  private async answer(
    route: RouteKey | undefined,
    record: RecordedRequest,
  ): Promise<{ reply: RestReply; headers: Record<string, string> }> {
    if (!route) return { reply: fail(404, 0, '404: Not Found'), headers: {} };
    const delay = this.faults.delayFor(route);
    if (delay > 0) await sleep(delay);
    const limited = this.faults.takeRateLimit(route);
    if (limited) return { reply: rateLimited(limited), headers: rateLimitHeaders(route, limited) };
    if (!TOKEN_IN_PATH.has(route) && record.authorization !== `Bot ${this.token}`)
      return { reply: fail(401, 0, '401: Unauthorized'), headers: {} };
    try {
      const handler = this.handlers[route];
      return { reply: await handler({ ...record, route }), headers: {} };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.failures.push(failure);
      return { reply: fail(500, 0, `fake Discord failed: ${failure.message}`), headers: {} };
    }
  }
}

function rateLimited(fault: RateLimitFault): RestReply {
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: fault.retryAfter, global: fault.global, code: 0 },
  };
}

/** The headers Discord sends with a 429, which @discordjs/rest uses to wait and retry. */
function rateLimitHeaders(route: RouteKey, fault: RateLimitFault): Record<string, string> {
  const headers: Record<string, string> = {
    'retry-after': String(fault.retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String((Date.now() / 1000 + fault.retryAfter).toFixed(3)),
    'x-ratelimit-reset-after': String(fault.retryAfter),
    'x-ratelimit-bucket': createHash('sha1').update(route).digest('hex').slice(0, 32),
    'x-ratelimit-scope': fault.global ? 'global' : 'user',
  };
  if (fault.global) headers['x-ratelimit-global'] = 'true';
  return headers;
}

async function readBody(request: IncomingMessage): Promise<{ body: unknown; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const payload = form.get('payload_json');
    const files = [...form.entries()]
      .filter(([name]) => name.startsWith('files['))
      .map(([, value]) => (typeof value === 'string' ? value : value.name));
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
  }
  if (type.startsWith('application/json')) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  return { body: raw.toString('utf8'), files: [] };
}

function send(response: ServerResponse, reply: RestReply, headers: Record<string, string>): void {
  if (reply.status === 204 || reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  response.writeHead(reply.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

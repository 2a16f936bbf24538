import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from './body.ts';
import { METHODS, type MethodContext, type Result, type TokenKind } from './methods.ts';
import { Recorder } from './recorder.ts';

/** One Web API call as the fake saw it, with the answer it gave. */
export interface ApiCall {
  method: string;
  /** Decoded arguments: form fields, JSON body, or multipart fields; `blocks`, `view`… parsed from JSON. */
  args: Record<string, unknown>;
  token: string | undefined;
  contentType: string;
  at: number;
  status: number;
  result: Result;
}

/** A planned misbehaviour for the next calls of one method. */
export interface Fault {
  times: number;
  /** An error code to answer; `ratelimited` answers HTTP 429 with a Retry-After header. */
  error?: string;
  retryAfterSeconds?: number;
  /** Hold the answer this long first (the call still succeeds unless `error` is set). */
  delayMs?: number;
}

export interface Tokens {
  bot: string;
  app: string;
}

/** The Web API at `/api/<method>`: token check, planned faults, the method, and a record of each call. */
export class WebApi {
  readonly calls = new Recorder<ApiCall>((call) => `${call.method}→${call.result.ok ? 'ok' : call.result.error}`);
  private readonly faults = new Map<string, Fault[]>();

  constructor(
    private readonly tokens: Tokens,
    private readonly context: () => MethodContext,
  ) {}

  /** Queue a fault for the next `fault.times` calls of `method` (after any already queued). */
  plan(method: string, fault: Fault): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ ...fault });
    this.faults.set(method, queue);
  }

  /** Takes one use of the first fault planned for `method`, if any (also used by the response sink). */
  takeFault(method: string): Fault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.[0];
    if (!queue || !fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) queue.shift();
    return fault;
  }

  async handle(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const { args, contentType } = await parseBody(req);
    const token = bearer(req) ?? (typeof args.token === 'string' ? args.token : undefined);
    const { status, result, retryAfter, delayMs } = this.answer(method, args, token);
    this.calls.record({ method, args, token, contentType, at: Date.now(), status, result });
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    res.writeHead(status, headers).end(JSON.stringify(result));
  }

  private answer(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
  ): { status: number; result: Result; retryAfter?: number; delayMs?: number } {
    const known = METHODS[method];
    if (!known) return { status: 200, result: { ok: false, error: 'unknown_method', req_method: method } };
    const authError = this.checkToken(known.token, token);
    if (authError) return { status: 200, result: { ok: false, error: authError } };
    const fault = this.takeFault(method);
    const delayMs = fault?.delayMs;
    if (fault?.error === 'ratelimited') {
      return {
        status: 429,
        result: { ok: false, error: 'ratelimited' },
        retryAfter: fault.retryAfterSeconds ?? 1,
        delayMs,
      };
    }
    if (fault?.error) return { status: 200, result: { ok: false, error: fault.error }, delayMs };
    return { status: 200, result: known.run(args, this.context()), delayMs };
  }

  /** Slack's answers for a missing, unknown, or wrong-kind token. */
  private checkToken(kind: TokenKind, token: string | undefined): string | undefined {
    if (!token) return 'not_authed';
    if (token === this.tokens[kind]) return undefined;
    if (Object.values(this.tokens).includes(token)) return 'not_allowed_token_type';
    return 'invalid_auth';
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1] || undefined;
}

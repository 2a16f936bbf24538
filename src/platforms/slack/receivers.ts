/**
 * The two ways Slack reaches the bot: Socket Mode (an outbound WebSocket, no public URL) and HTTP
 * (signed requests on `/slack/events`). Bolt checks signatures and refuses requests older than
 * 5 minutes, but takes those stamped in the future: the HTTP receiver here refuses them too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, LogLevel, SocketModeReceiver, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

/** Slack's rule: a request's timestamp is within 5 minutes of now, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

export type ClientOptions = {
  slackApiUrl?: string;
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
};

export function socketModeReceiver(options: {
  appToken: string;
  clientOptions: ClientOptions;
  logger: Logger;
  clientPingTimeoutMs?: number;
}): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: boltLogger(options.logger),
    // Also the delay before reconnecting after a `disconnect`: Bolt's 5 s default is long.
    clientPingTimeout: options.clientPingTimeoutMs ?? 5_000,
    installerOptions: { clientOptions: options.clientOptions },
  });
}

/**
 * HTTP mode: each request's response in its Bolt `context`, for a handler about to ack with JSON it
 * wrote out already to say so (`answerAsJson`): Bolt sends a string body without a content type,
 * which Slack would show as plain text. Socket Mode has none: its acks are objects in an envelope.
 */
export const JSON_ANSWER = 'jsonAnswer';

/** What of the HTTP response a handler touches before its JSON ack. */
export type JsonAnswerTarget = Pick<ServerResponse, 'setHeader'>;

/**
 * Marks the ack about to be sent as `bytes` bytes of JSON. With its length known, node writes the
 * head and the body in one piece rather than as chunks (a 2.6 KB programme: fewer buffers, and less
 * CPU per request).
 */
export function answerAsJson(target: JsonAnswerTarget, bytes: number): void {
  target.setHeader('content-type', 'application/json');
  target.setHeader('content-length', bytes);
}

/** The response, kept on its request (a property rather than a WeakMap entry: cheaper per request). */
const RESPONSE = Symbol('response');
type WithResponse = IncomingMessage & { [RESPONSE]?: ServerResponse };

export function httpReceiver(options: {
  signingSecret: string;
  logger: Logger;
  now?: () => number;
  customRoutes?: CustomRoute[];
}): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    customPropertiesExtractor: (req) => ({ [JSON_ANSWER]: (req as WithResponse)[RESPONSE] }),
    // The operator's endpoint (/healthz, /readyz, /metrics) shares Slack's port when Slack holds it.
    ...(options.customRoutes ? { customRoutes: options.customRoutes } : {}),
    logger: boltLogger(options.logger),
    // Ack as soon as the handler says so; the work goes on after the HTTP answer.
    processBeforeResponse: false,
  });
  const bolt = receiver.requestListener;
  const now = options.now ?? Date.now;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (fromTheFuture(req, now)) {
      options.logger.warn(
        { timestamp: req.headers['x-slack-request-timestamp'] },
        'refused a Slack request stamped in the future',
      );
      res.writeHead(401).end();
      return;
    }
    (req as WithResponse)[RESPONSE] = res;
    bolt(req, res);
  };
  return receiver;
}

/** A timestamp more than 5 minutes ahead of our clock: a replay prepared in advance, never Slack. */
export function fromTheFuture(req: IncomingMessage, now: () => number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const stamp = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(stamp) && stamp > Math.floor(now() / 1000) + MAX_SKEW_SECONDS;
}

/**
 * Bolt's logger interface over ours, so that Slack's messages land in the same log. A message is
 * written out only when its level is on: Bolt logs every ack at debug level, with its body.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) =>
    parts
      .map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part)))
      .join(' ');
  const at =
    (as: 'debug' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      if (logger.isLevelEnabled(as)) logger[as]({ source: 'bolt' }, line(msg));
    };
  return {
    debug: at('debug'),
    info: at('debug'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (next: LogLevel) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}

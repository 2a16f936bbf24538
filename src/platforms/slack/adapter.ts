/**
 * emcee on Slack: the unmodified Bolt App, in Socket Mode (an app token) or over HTTP (a signing
 * secret), as a PlatformAdapter: a Poster at once, then `bind` to the Bot, `start`, `stop`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, webApi, type CustomRoute } from '@slack/bolt';
import type { PlatformAdapter } from '../../core/adapter.ts';
import type { Community } from '../../config/community.ts';
import type { Bot } from '../../core/bot.ts';
import type { Logger } from '../../core/logger.ts';
import { slackCoreOf } from './core.ts';
import { registerHandlers } from './handlers.ts';
import { MemberLookup } from './members.ts';
import { slackPoster } from './poster.ts';
import { boltLogger, httpReceiver, socketModeReceiver, type ClientOptions } from './receivers.ts';
import { renderForSlack } from './render.ts';

export interface SlackAdapterOptions {
  botToken: string;
  /** Socket Mode (`xapp-…`): no public URL needed. */
  appToken?: string;
  /** HTTP mode: requests on `/slack/events` are checked against it. */
  signingSecret?: string;
  /** HTTP mode: where to listen (default 3000, all interfaces). */
  port?: number;
  host?: string;
  /** The Web API base (the client's `slackApiUrl`), default Slack's own. */
  apiUrl?: string;
  logger: Logger;
  /** Web API retries (default the client's: 10 over about 30 minutes). */
  retryConfig?: ClientOptions['retryConfig'];
  /** Socket Mode ping timeout, also its reconnection delay (default 5 s). */
  clientPingTimeoutMs?: number;
  ackWithinMs?: number;
  lookupDeadlineMs?: number;
  /** HTTP mode: more routes on Slack's port (the operator's /healthz, /readyz, /metrics). */
  customRoutes?: CustomRoute[];
  /** The clock requests' timestamps are checked against (default Date.now). */
  now?: () => number;
}

export interface SlackAdapter extends PlatformAdapter {
  readonly bolt: BoltApp;
  /** Hands Slack's requests to this bot; before `start`. */
  bind<S>(bot: Bot<S, Community>): void;
  /** HTTP mode: the port listened on, once started. */
  readonly port: number | undefined;
}

/** Neither token set: said in one line at start-up. */
export class SlackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  if (!options.appToken && !options.signingSecret) {
    throw new SlackConfigError(
      'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) besides SLACK_BOT_TOKEN.',
    );
  }
  const clientOptions: ClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
  };
  const receiver = options.appToken
    ? socketModeReceiver({
        appToken: options.appToken,
        clientOptions,
        logger: options.logger,
        clientPingTimeoutMs: options.clientPingTimeoutMs,
      })
    : httpReceiver({
        signingSecret: options.signingSecret!,
        logger: options.logger,
        now: options.now,
        ...(options.customRoutes ? { customRoutes: options.customRoutes } : {}),
      });
  // Initialised in start(): a refused token is then an error there, not an unhandled rejection.
  const bolt = new BoltApp({
    token: options.botToken,
    receiver,
    clientOptions,
    logger: boltLogger(options.logger),
    deferInitialization: true,
    // No conversation state is kept across messages: Bolt's per-request store lookup is work for nothing.
    convoStore: false,
  });
  // The Poster waits out rate limits itself (Retry-After), whatever the retry policy.
  const postClient = new webApi.WebClient(options.botToken, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    logger: boltLogger(options.logger),
  });
  let zoneOf: (communityId: string) => string = () => 'UTC';
  let localeOf: (communityId: string) => 'fr' | 'en' = () => 'en';
  let drain: () => Promise<void> = async () => undefined;
  let server: Server | undefined;
  const poster = slackPoster({
    client: postClient,
    render: (communityId, reply) =>
      renderForSlack(reply, { zone: zoneOf(communityId), locale: localeOf(communityId), buttonId: () => '' }),
  });
  return {
    platform: 'slack',
    bolt,
    poster,
    get port() {
      return server ? (server.address() as AddressInfo).port : undefined;
    },
    bind(bot) {
      zoneOf = (id) => bot.communities.get(id)?.timezone ?? 'UTC';
      localeOf = (id) => bot.communities.get(id)?.locale ?? 'en';
      const members = new MemberLookup(bolt.client, options.logger, { deadlineMs: options.lookupDeadlineMs });
      drain = registerHandlers(bolt, {
        core: slackCoreOf(bot),
        members,
        logger: options.logger,
        ackWithinMs: options.ackWithinMs,
      }).drain;
    },
    async start() {
      await bolt.init();
      const started = options.appToken
        ? await bolt.start()
        : await bolt.start({ port: options.port ?? 3000, ...(options.host ? { host: options.host } : {}) });
      if (!options.appToken) server = started;
      options.logger.info({ mode: options.appToken ? 'socket' : 'http', port: this.port }, 'connected to Slack');
    },
    async stop() {
      await drain();
      await bolt.stop();
    },
  };
}

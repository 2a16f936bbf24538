import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody } from './body.ts';
import * as payloads from './payloads.ts';
import { Recorder } from './recorder.ts';
import { SocketModeServer, type Ack } from './socketMode.ts';
import { WebApi, type ApiCall } from './webApi.ts';
import { Workspace } from './workspace.ts';

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** The clock trigger ids are issued and checked against (3 s lifetime); Date.now by default. */
  now?: () => number;
}

/** A post to a response_url, as Bolt's respond() sends it (replace_original, response_type, text…). */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/** The bytes sent to an upload URL of files.getUploadURLExternal. */
export interface Upload {
  fileId: string;
  filename: string | undefined;
  data: Buffer;
}

type WaitOptions = { match?: (call: ApiCall) => boolean; nth?: number; timeoutMs?: number };

/** A fake Slack on 127.0.0.1: Web API, Socket Mode, response_url sink and upload URLs on one port. */
export class FakeSlack {
  readonly workspace: Workspace;
  readonly api: WebApi;
  readonly socket: SocketModeServer;
  readonly responses = new Recorder<ResponsePost>((post) => `response ${post.id}`);
  readonly uploads = new Recorder<Upload>((upload) => `upload ${upload.fileId}`);
  readonly botToken: string;
  readonly appToken: string;
  private readonly responseIds = new Set<string>();
  private origin = '';

  private constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    this.workspace = new Workspace(options.now ?? Date.now);
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.socket = new SocketModeServer(this.workspace.appId);
    this.api = new WebApi({ bot: this.botToken, app: this.appToken }, () => ({
      ws: this.workspace,
      origin: this.origin,
      openSocketTicket: () => this.socket.openTicket(),
    }));
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on('request', (req, res) => void fake.route(req, res));
    server.on('upgrade', (req, socket, head) => fake.socket.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** What to give the WebClient as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  calls(method?: string): ApiCall[] {
    return this.api.calls.entries.filter((call) => method === undefined || call.method === method);
  }

  /** Resolves with the `nth` call of `method` (optionally matching), already made or still to come. */
  waitForCall(method: string, options: WaitOptions = {}): Promise<ApiCall> {
    const match = options.match ?? (() => true);
    return this.api.calls.waitFor((call) => call.method === method && match(call), `a ${method} call`, options);
  }

  waitForResponse(options: { nth?: number; timeoutMs?: number } = {}): Promise<ResponsePost> {
    return this.responses.waitFor(() => true, 'a post to a response_url', options);
  }

  /** The next `times` calls of `method` fail with `error`; `ratelimited` answers HTTP 429 + Retry-After. */
  failNext(method: string, error: string, options: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.api.plan(method, { times: options.times ?? 1, error, retryAfterSeconds: options.retryAfterSeconds });
  }

  /** The next `times` calls of `method` are answered after `ms`. */
  delayNext(method: string, ms: number, options: { times?: number } = {}): void {
    this.api.plan(method, { times: options.times ?? 1, delayMs: ms });
  }

  /** A response_url on the sink; posts to it are recorded in `responses`. */
  responseUrl(): string {
    const id = randomBytes(8).toString('hex');
    this.responseIds.add(id);
    return `${this.origin}/response/${id}`;
  }

  slashCommand(input: payloads.SlashCommandInput): payloads.SlashCommandPayload {
    return payloads.slashCommand(this.payloadContext(), input);
  }

  blockAction(input: payloads.BlockActionInput): payloads.InteractionPayload {
    return payloads.blockAction(this.payloadContext(), input);
  }

  viewSubmission(input: payloads.ViewSubmissionInput): payloads.InteractionPayload {
    return payloads.viewSubmission(this.payloadContext(), input);
  }

  eventCallback(event: Record<string, unknown> & { type: string }): Record<string, unknown> {
    return payloads.eventCallback(this.payloadContext(), event);
  }

  /** Sends a slash command over Socket Mode; resolves with the app's ack. */
  sendCommand(input: payloads.SlashCommandInput): Promise<Ack> {
    return this.socket.send('slash_commands', this.slashCommand(input));
  }

  async close(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private payloadContext(): payloads.PayloadContext {
    return { ws: this.workspace, responseUrl: () => this.responseUrl() };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, kind, name] = /^\/(api|upload|response)\/([^/?]+)/.exec(req.url ?? '') ?? [];
    try {
      if (req.method !== 'POST' || !kind || !name) res.writeHead(404).end();
      else if (kind === 'api') await this.api.handle(req, res, name);
      else if (kind === 'upload') await this.receiveUpload(req, res, name);
      else await this.receiveResponse(req, res, name);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake Slack failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The upload URL accepts the raw bytes or, as the WebClient sends them, a multipart file part. */
  private async receiveUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const file = this.workspace.files.get(fileId);
    const body = await parseBody(req);
    if (!file || file.data) {
      res.writeHead(404).end();
      return;
    }
    const part = body.files[0];
    file.data = part ? part.data : body.raw;
    this.uploads.record({ fileId, filename: part?.filename, data: file.data });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.data.length}`);
  }

  private async receiveResponse(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const { args } = await parseBody(req);
    if (!this.responseIds.has(id)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('invalid response_url');
      return;
    }
    const fault = this.api.takeFault('response_url');
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.error) {
      const status = fault.error === 'ratelimited' ? 429 : 404;
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: fault.error }));
      return;
    }
    this.responses.record({ id, body: args, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  }
}

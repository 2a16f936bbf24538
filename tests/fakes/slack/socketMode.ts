import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_WAIT_MS, Recorder } from './recorder.ts';

/** The envelope types Slack sends over Socket Mode. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for one envelope: `payload` is its ack body (e.g. `response_action: errors`). */
export interface Ack {
  envelope_id: string;
  payload: Record<string, unknown>;
}

export interface SocketConnection {
  /** 1 for the first connection, 2 after the first reconnection, … */
  number: number;
  socket: WebSocket;
  closed: Promise<void>;
}

export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

/**
 * Slack's Socket Mode endpoint: a WebSocket opened with a one-time ticket from apps.connections.open, a
 * `hello` when it opens, envelopes carrying events, and an ack awaited for each envelope id.
 */
export class SocketModeServer {
  readonly connections = new Recorder<SocketConnection>((c) => `connection #${c.number}`);
  readonly acks = new Recorder<Ack>((ack) => `ack ${ack.envelope_id}`);
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();

  constructor(private readonly appId: string) {}

  /** A ticket for one connection, embedded in the URL apps.connections.open returns. */
  openTicket(): string {
    const ticket = randomBytes(12).toString('hex');
    this.tickets.add(ticket);
    return ticket;
  }

  /** Upgrade `/link/?ticket=…` requests; a missing or reused ticket is refused as Slack refuses it. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(socket: WebSocket): void {
    const number = this.connections.entries.length + 1;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('message', (data) => this.onMessage(data.toString()));
    this.connections.record({ number, socket, closed });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.openSockets().length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
  }

  private onMessage(raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || !('envelope_id' in message)) return;
    const { envelope_id, payload } = message as { envelope_id: unknown; payload?: unknown };
    const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
    this.acks.record({ envelope_id: String(envelope_id), payload: body });
  }

  openSockets(): WebSocket[] {
    return this.connections.entries.map((c) => c.socket).filter((s) => s.readyState === WebSocket.OPEN);
  }

  /** The connection number `nth` once its `hello` has been sent. */
  waitForConnection(nth = 1, timeoutMs?: number): Promise<SocketConnection> {
    return this.connections.waitFor(() => true, 'a Socket Mode connection', { nth, timeoutMs });
  }

  /**
   * Sends one envelope on the newest open connection and resolves with the app's ack. Slack gives an app
   * 3 seconds to ack; the wait is bounded by the same.
   */
  async send(type: EnvelopeType, payload: Record<string, unknown>, options: { timeoutMs?: number } = {}): Promise<Ack> {
    const socket = this.openSockets().at(-1);
    if (!socket) throw new Error('no open Socket Mode connection to send an envelope on');
    const envelope_id = randomUUID();
    const acked = this.acks.waitFor((ack) => ack.envelope_id === envelope_id, `the ack of a ${type} envelope`, {
      timeoutMs: options.timeoutMs ?? DEFAULT_WAIT_MS,
    });
    const envelope: Record<string, unknown> = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: acceptsResponsePayload(type, payload),
    };
    if (type === 'events_api') Object.assign(envelope, { retry_attempt: 0, retry_reason: '' });
    socket.send(JSON.stringify(envelope));
    return acked;
  }

  /** Asks every open connection to reconnect, as Slack does before recycling a server. */
  disconnect(reason: DisconnectReason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } });
    for (const socket of this.openSockets()) socket.send(message);
  }

  /**
   * Ends every connection with a close handshake (a client that is stopping has usually begun one), so the
   * client sees a clean close rather than a reset; a peer that does not answer within a second is cut off.
   */
  async close(): Promise<void> {
    await Promise.all(
      this.connections.entries.map(async ({ socket, closed }) => {
        if (socket.readyState === WebSocket.OPEN) socket.close(1001, 'server shutting down');
        const timer = setTimeout(() => socket.terminate(), 1_000);
        await closed;
        clearTimeout(timer);
      }),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Slack sets this for envelopes whose ack body it uses: commands, and view submissions' response_action. */
function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  if (type === 'slash_commands') return true;
  return type === 'interactive' && (payload.type === 'view_submission' || payload.type === 'block_suggestion');
}

/**
 * The Gateway (v10, JSON, no compression) on the fake's WebSocket server. It follows the
 * documented lifecycle: HELLO, then IDENTIFY (token and intents checked; READY, then one
 * GUILD_CREATE per guild) or RESUME (missed dispatches replayed in order, then RESUMED);
 * heartbeats acknowledged; op 7 RECONNECT and the fatal close codes on demand.
 */
import {
  ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayDispatchPayload,
  type GatewayIdentifyData,
  type GatewayReceivePayload,
  type GatewayResumeData,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData, type WebSocketServer } from 'ws';
import type { World } from './world.ts';
import { Recorded } from './waiting.ts';

export const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const ALL_INTENTS = Object.values(GatewayIntentBits)
  .filter((bit): bit is number => typeof bit === 'number')
  .reduce((all, bit) => all | bit, 0);
/** How many dispatches a session keeps for a RESUME (Discord keeps a bounded backlog too). */
const REPLAY_BACKLOG = 1_000;

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  /** Privileged intents the application was granted in the developer portal. */
  privilegedIntents: number;
  /** The URL READY hands out as `resume_gateway_url`. */
  resumeUrl: () => string;
}

type DispatchEvent = GatewayDispatchPayload['t'];
type DispatchData<T extends DispatchEvent> = Extract<GatewayDispatchPayload, { t: T }>['d'];

interface Session {
  id: string;
  seq: number;
  intents: number;
  backlog: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
  /** False once Discord has "forgotten" it: a RESUME then gets op 9. */
  resumable: boolean;
}

export interface GatewayConnection {
  url: string;
  closedWith?: { code: number; by: 'client' | 'server' };
}

export class Gateway {
  readonly connections = new Recorded<GatewayConnection>('a Gateway connection');
  readonly identifies = new Recorded<GatewayIdentifyData>('an IDENTIFY');
  readonly resumes = new Recorded<GatewayResumeData>('a RESUME');
  readonly heartbeats = new Recorded<number | null>('a heartbeat');
  readonly closes = new Recorded<GatewayConnection>('a closed Gateway connection');
  /** Other payloads the client sent (presence updates, member requests…). */
  readonly received = new Recorded<GatewaySendPayload>('a Gateway payload');
  /** Set to false to stop acknowledging heartbeats (a zombie connection). */
  ackHeartbeats = true;
  private session: Session | undefined;
  private refusal: { code: number; reason: string } | undefined;

  constructor(
    private readonly world: World,
    private readonly options: GatewayOptions,
  ) {}

  attach(server: WebSocketServer): void {
    server.on('connection', (socket, request) => this.accept(socket, request));
  }

  get sessionId(): string | undefined {
    return this.session?.id;
  }

  /** Sends a dispatch to the client, or keeps it for the RESUME when the client is away. */
  dispatch<T extends DispatchEvent>(t: T, d: DispatchData<T>): number {
    const session = this.session;
    if (!session) throw new Error(`cannot dispatch ${t}: no client has identified`);
    session.seq += 1;
    session.backlog.push({ s: session.seq, t, d });
    if (session.backlog.length > REPLAY_BACKLOG) session.backlog.shift();
    if (session.socket?.readyState === WebSocket.OPEN)
      this.send(session.socket, { op: GatewayOpcodes.Dispatch, s: session.seq, t, d } as GatewayReceivePayload);
    return session.seq;
  }

  /** op 7: the client must close and RESUME on `resume_gateway_url`. */
  requestReconnect(): void {
    const socket = this.liveSocket('send op 7 RECONNECT');
    this.send(socket, { op: GatewayOpcodes.Reconnect, d: undefined, s: null, t: null });
  }

  /** Closes the live connection with a close code (4004, 4014… or a resumable one). */
  close(code: number, reason = ''): void {
    const socket = this.liveSocket(`close with ${code}`);
    this.markClosed(socket, code, 'server');
    socket.close(code, reason);
  }

  /** The next IDENTIFY is answered by closing with `code` (e.g. 4004 for a token revoked since). */
  refuseNextIdentify(code: number, reason = GatewayCloseCodes[code] ?? ''): void {
    this.refusal = { code, reason };
  }

  /** The session can no longer be resumed (as after a long outage): a RESUME gets op 9 INVALID_SESSION. */
  invalidateSession(): void {
    if (this.session) this.session.resumable = false;
  }

  /** Ends every connection: used when the fake stops. */
  closeAll(): void {
    const socket = this.session?.socket;
    if (socket && socket.readyState === WebSocket.OPEN) socket.close(1001, 'fake Discord stopping');
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const connection: GatewayConnection = { url: request.url ?? '/' };
    connections.set(socket, connection);
    this.connections.push(connection);
    socket.on('close', (code) => this.onClose(socket, code));
    socket.on('message', (data) => this.onMessage(socket, data));
    const query = new URL(connection.url, 'ws://127.0.0.1').searchParams;
    if (query.get('v') !== '10') return this.refuse(socket, GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if (query.get('encoding') !== 'json')
      return this.refuse(socket, GatewayCloseCodes.DecodeError, 'the fake speaks JSON only');
    if (query.has('compress')) return this.refuse(socket, GatewayCloseCodes.UnknownError, 'the fake does not compress');
    this.send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  private onMessage(socket: WebSocket, data: RawData): void {
    let payload: GatewaySendPayload;
    try {
      payload = JSON.parse(rawText(data)) as GatewaySendPayload;
    } catch {
      return this.refuse(socket, GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    }
    const authenticated = this.session?.socket === socket;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats.push(payload.d);
        if (this.ackHeartbeats) this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        if (authenticated) return this.refuse(socket, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
        return this.identify(socket, payload.d);
      case GatewayOpcodes.Resume:
        return this.resume(socket, payload.d);
      default:
        if (!authenticated) return this.refuse(socket, GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        this.received.push(payload);
    }
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): void {
    this.identifies.push(data);
    const refusal = this.refusal;
    this.refusal = undefined;
    if (refusal) return this.refuse(socket, refusal.code, refusal.reason);
    if (data.token !== this.options.token)
      return this.refuse(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if ((data.intents & ~ALL_INTENTS) !== 0)
      return this.refuse(socket, GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
    const missing = data.intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents;
    if (missing !== 0) return this.refuse(socket, GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
    this.session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      intents: data.intents,
      backlog: [],
      socket,
      resumable: true,
    };
    const guilds = [...this.world.guilds.values()];
    this.dispatch(GatewayDispatchEvents.Ready, {
      v: 10,
      user: this.world.bot,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: this.session.id,
      resume_gateway_url: this.options.resumeUrl(),
      shard: data.shard ?? [0, 1],
      application: {
        id: this.world.applicationId,
        flags: ApplicationFlags.GatewayMessageContentLimited,
        flags_new: String(ApplicationFlags.GatewayMessageContentLimited),
      },
    });
    for (const guild of guilds) this.dispatch(GatewayDispatchEvents.GuildCreate, this.world.guildCreate(guild));
  }

  private resume(socket: WebSocket, data: GatewayResumeData): void {
    this.resumes.push(data);
    const session = this.session;
    if (data.token !== this.options.token)
      return this.refuse(socket, GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if (
      !session?.resumable ||
      session.id !== data.session_id ||
      !session.backlog.some((entry) => entry.s <= data.seq + 1)
    ) {
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    session.socket = socket;
    for (const entry of session.backlog.filter((kept) => kept.s > data.seq)) {
      this.send(socket, { op: GatewayOpcodes.Dispatch, s: entry.s, t: entry.t, d: entry.d } as GatewayReceivePayload);
    }
    this.dispatch(GatewayDispatchEvents.Resumed, undefined);
  }

  private onClose(socket: WebSocket, code: number): void {
    const connection = connections.get(socket);
    if (connection && !connection.closedWith) this.markClosed(socket, code, 'client');
    if (this.session?.socket !== socket) return;
    this.session.socket = undefined;
    // A client that closes with 1000 or 1001 ends its session; any other code may resume it.
    if (code === 1000 || code === 1001) this.session = undefined;
  }

  private markClosed(socket: WebSocket, code: number, by: 'client' | 'server'): void {
    const connection = connections.get(socket);
    if (!connection) return;
    connection.closedWith = { code, by };
    this.closes.push(connection);
  }

  private refuse(socket: WebSocket, code: number, reason: string): void {
    if (this.session?.socket === socket) this.session.socket = undefined;
    this.markClosed(socket, code, 'server');
    socket.close(code, reason);
  }

  private liveSocket(action: string): WebSocket {
    const socket = this.session?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      throw new Error(`cannot ${action}: no live Gateway connection`);
    return socket;
  }

  private send(socket: WebSocket, payload: GatewayReceivePayload): void {
    // On the wire an absent `d` is null (op 7, op 11, RESUMED), as Discord sends it.
    socket.send(JSON.stringify({ ...payload, d: payload.d ?? null }));
  }
}

const connections = new WeakMap<WebSocket, GatewayConnection>();

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

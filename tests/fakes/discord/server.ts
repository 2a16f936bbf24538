/**
 * The fake Discord: REST v10 and the Gateway on one ephemeral 127.0.0.1 port, for end-to-end
 * tests of the real discord.js client. Point the client at it with
 * `new Client({ intents, rest: { api: fake.apiUrl } })` and log in with `fake.token`.
 */
import {
  GatewayDispatchEvents,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
} from 'discord-api-types/v10';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CommandRegistry, type Invocation } from './commands.ts';
import { endpoints } from './endpoints.ts';
import { Faults } from './faults.ts';
import { Gateway } from './gateway.ts';
import { InteractionHandle, Interactions } from './interactions.ts';
import { autocomplete, buttonPress, modalSubmit, slashCommand, type Where } from './interactionPayloads.ts';
import { MessageStore } from './messages.ts';
import { fillModal, type ModalValues } from './modal.ts';
import { Rest } from './rest.ts';
import { DEFAULT_WAIT_MS, withTimeout } from './waiting.ts';
import { World, type FakeGuild, type GuildTextChannel } from './world.ts';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST `Authorization: Bot …` and Gateway IDENTIFY). */
  token?: string;
  /** HELLO's heartbeat interval; Discord's is about 41 s. */
  heartbeatIntervalMs?: number;
  /** Privileged intents granted to the application (GatewayIntentBits, or-ed). */
  privilegedIntents?: number;
  callbackDeadlineMs?: number;
  tokenLifetimeMs?: number;
}

/** Who does what where; defaults to the fake's member in its guild's first channel. */
export type Place = Partial<Where>;

export class FakeDiscord {
  readonly token: string;
  readonly world = new World();
  readonly faults = new Faults();
  readonly messages = new MessageStore(this.world.ids, this.world.users);
  readonly commands = new CommandRegistry(this.world.ids, this.world.applicationId);
  readonly interactions: Interactions;
  readonly gateway: Gateway;
  readonly rest: Rest;
  /** The default guild, its first text channel and one member, ready for interactions. */
  readonly guild: FakeGuild;
  readonly channel: GuildTextChannel;
  readonly member: APIUser;
  private readonly http: Server;
  private readonly sockets: WebSocketServer;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token.MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde';
    this.guild = this.world.addGuild('SRE Paris', { channels: ['general', 'announcements'] });
    this.channel = this.guild.channels[0] as GuildTextChannel;
    this.member = this.world.addUser({ username: 'ada', globalName: 'Ada' });
    this.world.addMember(this.guild, this.member);
    this.interactions = new Interactions(this.world, this.messages, {
      callbackDeadlineMs: options.callbackDeadlineMs ?? 3_000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    });
    this.gateway = new Gateway(this.world, {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      privilegedIntents: options.privilegedIntents ?? 0,
      resumeUrl: () => this.gatewayUrl,
    });
    const services = {
      world: this.world,
      messages: this.messages,
      commands: this.commands,
      interactions: this.interactions,
      gatewayUrl: () => this.gatewayUrl,
    };
    this.rest = new Rest(endpoints(services), this.faults, this.token);
    this.http = createServer((request, response) => {
      this.rest.handle(request, response).catch((error: unknown) => {
        this.rest.failures.push(error instanceof Error ? error : new Error(String(error)));
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    this.sockets = new WebSocketServer({ server: this.http });
    this.gateway.attach(this.sockets);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        fake.http.once('error', reject);
        fake.http.listen(0, '127.0.0.1', () => resolve());
      }),
      DEFAULT_WAIT_MS,
      'the fake Discord to listen',
    );
    return fake;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** discord.js's `rest.api` option: it appends `/v10/…` itself. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** What GET /gateway/bot and READY's resume_gateway_url hand out. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  slashCommand(
    invocation: Invocation,
    place: Place = {},
  ): InteractionHandle<APIChatInputApplicationCommandInteraction> {
    return this.send(slashCommand(this.world, this.commands, this.where(place), invocation));
  }

  autocomplete(
    invocation: Invocation & { focused: string },
    place: Place = {},
  ): InteractionHandle<APIApplicationCommandAutocompleteInteraction> {
    return this.send(autocomplete(this.world, this.commands, this.where(place), invocation));
  }

  /** A member presses a button on a message (one the bot posted, so the fake knows it). */
  pressButton(
    message: APIMessage,
    customId: string,
    place: Place = {},
  ): InteractionHandle<APIMessageComponentButtonInteraction> {
    const channel = this.world.guildChannel(message.channel_id)?.channel;
    const inDm = this.world.dmChannel(message.channel_id) !== undefined;
    return this.send(
      buttonPress(
        this.world,
        this.where({ ...(channel ? { channel } : {}), ...(inDm ? { dm: true } : {}), ...place }),
        message,
        customId,
      ),
    );
  }

  /** A member fills in and submits the modal the bot answered `opened` with. */
  async submitModal(
    opened: InteractionHandle,
    values: ModalValues,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<InteractionHandle<APIModalSubmitInteraction>> {
    const modal = await opened.modal(timeoutMs);
    const from = opened.payload;
    const user = from.member?.user ?? from.user;
    const place: Place = user ? { user } : {};
    if (!from.guild_id) place.dm = true;
    if (from.channel) {
      const channel = this.world.guildChannel(from.channel.id)?.channel;
      if (channel) place.channel = channel;
    }
    return this.send(modalSubmit(this.world, this.where(place), fillModal(modal, values), from.message));
  }

  async stop(): Promise<void> {
    this.gateway.closeAll();
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private send<P extends APIInteraction>(payload: P): InteractionHandle<P> {
    const handle = this.interactions.start(payload);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return handle;
  }

  private where(place: Place): Where {
    const channel = place.channel ?? this.channel;
    const guild = place.guild ?? this.world.guilds.get(channel.guild_id ?? '') ?? this.guild;
    return {
      user: place.user ?? this.member,
      guild,
      channel,
      ...(place.locale ? { locale: place.locale } : {}),
      ...(place.dm ? { dm: true } : {}),
      ...(place.permissions !== undefined ? { permissions: place.permissions } : {}),
    };
  }
}

/**
 * Interactions in flight: the callback (`POST /interactions/{id}/{token}/callback`, no bot
 * token) and the interaction webhook (follow-ups, `@original` read, edit and delete), with
 * Discord's rules: one callback per interaction within 3 s, response types allowed per
 * interaction type, webhook tokens valid 15 min, the first follow-up after a deferral fills
 * the loading message. Each interaction a test sends gets a handle to await what came back.
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { isFailure, type MessageBody, type MessageStore, type PostedMessage } from './messages.ts';
import {
  fail,
  noContent,
  ok,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
  type RestReply,
  type RestRequest,
} from './reply.ts';
import { DEFAULT_WAIT_MS, Recorded } from './waiting.ts';
import type { World } from './world.ts';

export interface InteractionTimings {
  /** Discord's deadline for the first response (3 s). */
  callbackDeadlineMs: number;
  /** How long the interaction token works for follow-ups and edits (15 min). */
  tokenLifetimeMs: number;
}

interface Flight {
  payload: APIInteraction;
  sentAt: number;
  callbacks: Recorded<APIInteractionResponse>;
  edits: Recorded<PostedMessage>;
  followUps: Recorded<PostedMessage>;
  originalId?: string;
}

const ALLOWED: Record<InteractionType, InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

/** What a test holds after sending an interaction. */
export class InteractionHandle<P extends APIInteraction = APIInteraction> {
  constructor(
    private readonly flight: Flight,
    private readonly messages: MessageStore,
  ) {}

  get payload(): P {
    return this.flight.payload as P;
  }

  /** The interaction callback the bot sent (type 4, 5, 6, 7, 8 or 9). */
  response(timeoutMs = DEFAULT_WAIT_MS): Promise<APIInteractionResponse> {
    return this.flight.callbacks.nth(0, timeoutMs);
  }

  /** The modal the bot answered with; fails if it answered anything else. */
  async modal(timeoutMs = DEFAULT_WAIT_MS): Promise<APIModalInteractionResponseCallbackData> {
    const response = await this.response(timeoutMs);
    if (response.type !== InteractionResponseType.Modal)
      throw new Error(`expected a modal, got response type ${InteractionResponseType[response.type]}`);
    return response.data;
  }

  /** The response message (`@original`) as it stands now. */
  original(): APIMessage | undefined {
    return this.flight.originalId ? this.messages.byId.get(this.flight.originalId) : undefined;
  }

  /** The message after the `index`-th edit of `@original` (0 = the first edit). */
  async edit(index = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return (await this.flight.edits.nth(index, timeoutMs)).message;
  }

  async followUp(index = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return (await this.flight.followUps.nth(index, timeoutMs)).message;
  }
}

export class Interactions {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly world: World,
    private readonly messages: MessageStore,
    readonly timings: InteractionTimings,
  ) {}

  start<P extends APIInteraction>(payload: P): InteractionHandle<P> {
    const flight: Flight = {
      payload,
      sentAt: Date.now(),
      callbacks: new Recorded(`the response to interaction ${payload.id}`),
      edits: new Recorded(`an edit of the response to interaction ${payload.id}`),
      followUps: new Recorded(`a follow-up to interaction ${payload.id}`),
    };
    this.flights.set(payload.token, flight);
    return new InteractionHandle<P>(flight, this.messages);
  }

  callback(request: RestRequest): RestReply {
    const flight = this.flights.get(request.params.token ?? '');
    if (!flight || flight.payload.id !== request.params.interaction) return unknownInteraction();
    if (flight.callbacks.items.length > 0) return fail(400, 40060, 'Interaction has already been acknowledged.');
    if (Date.now() - flight.sentAt > this.timings.callbackDeadlineMs) return unknownInteraction();
    const response = request.body as APIInteractionResponse;
    if (!ALLOWED[flight.payload.type].includes(response.type) || (isUpdate(response.type) && !flight.payload.message)) {
      return fail(400, 50035, 'Invalid Form Body', {
        type: {
          _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Invalid interaction response type' }],
        },
      });
    }
    const message = this.respond(flight, response);
    if (message && isFailure(message)) return fail(message.status, message.code, message.message, message.errors);
    flight.callbacks.push(response);
    if (request.query.get('with_response') !== 'true') return noContent();
    return ok(withResponse(flight, response, message));
  }

  followUp(request: RestRequest): RestReply {
    const flight = this.webhookFlight(request);
    if (!flight || flight.callbacks.items.length === 0) return unknownWebhook();
    const body = request.body as MessageBody;
    const original = flight.originalId ? this.messages.byId.get(flight.originalId) : undefined;
    // After a deferral, Discord turns the first follow-up into the loading message's content.
    if (original && isLoading(original)) return this.editOriginal(flight, original, body);
    const posted = this.messages.create(
      flight.payload.channel?.id ?? '',
      this.world.bot,
      body,
      this.authored(flight, MessageType.Default, body.flags ?? 0),
    );
    if (isFailure(posted)) return fail(posted.status, posted.code, posted.message, posted.errors);
    flight.followUps.push({ channelId: posted.channel_id, body, message: posted });
    return request.query.get('wait') === 'false' ? noContent() : ok(posted);
  }

  webhookMessage(request: RestRequest): RestReply {
    const flight = this.webhookFlight(request);
    if (!flight) return unknownWebhook();
    const wanted = request.params.message === '@original' ? flight.originalId : request.params.message;
    const message = wanted ? this.messages.byId.get(wanted) : undefined;
    const ours =
      message &&
      (message.id === flight.originalId || flight.followUps.items.some((posted) => posted.message.id === message.id));
    if (!message || !ours) return unknownMessage();
    if (request.method === 'GET') return ok(message);
    if (request.method === 'DELETE') {
      this.messages.byId.delete(message.id);
      return noContent();
    }
    if (message.id === flight.originalId) return this.editOriginal(flight, message, request.body as MessageBody);
    const edited = this.messages.edit(message, request.body as MessageBody);
    return isFailure(edited) ? fail(edited.status, edited.code, edited.message, edited.errors) : ok(edited);
  }

  private respond(flight: Flight, response: APIInteractionResponse): ReturnType<MessageStore['create']> | undefined {
    const channelId = flight.payload.channel?.id ?? '';
    const kind =
      flight.payload.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const body = (response.data ?? {}) as MessageBody;
        return this.remember(
          flight,
          this.messages.create(channelId, this.world.bot, body, this.authored(flight, kind, body.flags ?? 0)),
        );
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = (response.data?.flags ?? 0) | MessageFlags.Loading;
        const loading = this.messages.create(
          channelId,
          this.world.bot,
          { content: '' },
          { ...this.authored(flight, kind, flags), content: '' },
          true,
        );
        return this.remember(flight, loading);
      }
      case InteractionResponseType.UpdateMessage: {
        const target = this.messageOf(flight);
        return this.remember(flight, this.messages.edit(target, response.data ?? {}));
      }
      case InteractionResponseType.DeferredMessageUpdate:
        return this.remember(flight, this.messageOf(flight));
      default:
        return undefined;
    }
  }

  private editOriginal(flight: Flight, message: APIMessage, body: MessageBody): RestReply {
    const wasLoading = isLoading(message);
    const edited = this.messages.edit(message, body);
    if (isFailure(edited)) return fail(edited.status, edited.code, edited.message, edited.errors);
    if (wasLoading) edited.flags = (edited.flags ?? 0) & ~MessageFlags.Loading;
    flight.edits.push({ channelId: edited.channel_id, body, message: edited });
    return ok(edited);
  }

  /** The message a component interaction came from, known to the store from now on. */
  private messageOf(flight: Flight): APIMessage {
    const shown = flight.payload.message;
    if (!shown) throw new Error('only a component or modal interaction from a message can update it');
    const known = this.messages.byId.get(shown.id);
    if (known) return known;
    this.messages.byId.set(shown.id, shown);
    return shown;
  }

  private remember(flight: Flight, result: ReturnType<MessageStore['create']>): ReturnType<MessageStore['create']> {
    if (!isFailure(result)) flight.originalId = result.id;
    return result;
  }

  private authored(flight: Flight, type: MessageType, flags: number): Partial<APIMessage> {
    const { payload } = flight;
    const user = payload.member?.user ?? payload.user;
    return {
      type,
      flags,
      webhook_id: this.world.applicationId,
      application_id: this.world.applicationId,
      ...(user &&
      (payload.type === InteractionType.ApplicationCommand || payload.type === InteractionType.MessageComponent)
        ? {
            interaction_metadata:
              payload.type === InteractionType.ApplicationCommand
                ? {
                    id: payload.id,
                    type: payload.type,
                    user,
                    authorizing_integration_owners: payload.authorizing_integration_owners,
                  }
                : {
                    id: payload.id,
                    type: payload.type,
                    user,
                    authorizing_integration_owners: payload.authorizing_integration_owners,
                    interacted_message_id: payload.message.id,
                  },
          }
        : {}),
    };
  }

  private webhookFlight(request: RestRequest): Flight | undefined {
    const flight = this.flights.get(request.params.token ?? '');
    if (!flight || request.params.app !== this.world.applicationId) return undefined;
    if (Date.now() - flight.sentAt > this.timings.tokenLifetimeMs) return undefined;
    return flight;
  }
}

function isUpdate(type: InteractionResponseType): boolean {
  return type === InteractionResponseType.UpdateMessage || type === InteractionResponseType.DeferredMessageUpdate;
}

function isLoading(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
}

function withResponse(
  flight: Flight,
  response: APIInteractionResponse,
  message: ReturnType<MessageStore['create']> | undefined,
): RESTPostAPIInteractionCallbackWithResponseResult {
  const created = message && !isFailure(message) ? message : undefined;
  return {
    interaction: {
      id: flight.payload.id,
      type: flight.payload.type,
      ...(created
        ? {
            response_message_id: created.id,
            response_message_loading: isLoading(created),
            response_message_ephemeral: ((created.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
          }
        : {}),
    },
    ...(created ? { resource: { type: response.type, message: created } } : {}),
  };
}

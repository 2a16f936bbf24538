/**
 * The REST routes other than interactions: gateway discovery, users and DM channels, the
 * application, channel messages and application commands. Each answers what Discord answers,
 * errors included (50007 for a closed DM, 10003 for an unknown channel…).
 */
import {
  ApplicationFlags,
  type APIApplication,
  type RESTGetAPIGatewayBotResult,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.ts';
import type { Interactions } from './interactions.ts';
import { isFailure, type MessageBody, type MessageStore } from './messages.ts';
import {
  fail,
  noContent,
  ok,
  unknownChannel,
  unknownMessage,
  unknownUser,
  type Handler,
  type RestReply,
  type RestRequest,
} from './reply.ts';
import type { RouteKey } from './routes.ts';
import type { World } from './world.ts';

export interface Services {
  world: World;
  messages: MessageStore;
  commands: CommandRegistry;
  interactions: Interactions;
  gatewayUrl: () => string;
}

export function endpoints(services: Services): Record<RouteKey, Handler> {
  const { world, messages, commands, interactions } = services;
  return {
    'GET /gateway': () => ok({ url: services.gatewayUrl() }),
    'GET /gateway/bot': () => ok(gatewayBot(services.gatewayUrl())),
    'GET /users/@me': () => ok(world.bot),
    'GET /users/:user': ({ params }) => {
      const user = world.users.get(params.user ?? '');
      return user ? ok(user) : unknownUser();
    },
    'POST /users/@me/channels': ({ body }) => {
      const user = world.users.get((body as { recipient_id?: string }).recipient_id ?? '');
      return user ? ok(world.dmWith(user)) : unknownUser();
    },
    'GET /applications/@me': () => ok(application(services)),
    'GET /channels/:channel': ({ params }) => {
      const channel = world.guildChannel(params.channel ?? '')?.channel ?? world.dmChannel(params.channel ?? '');
      return channel ? ok(channel) : unknownChannel();
    },
    'POST /channels/:channel/messages': (request) => postMessage(services, request),
    'GET /channels/:channel/messages/:message': ({ params }) => {
      const message = messages.byId.get(params.message ?? '');
      return message && message.channel_id === params.channel ? ok(message) : unknownMessage();
    },
    'PATCH /channels/:channel/messages/:message': ({ params, body }) => {
      const message = messages.byId.get(params.message ?? '');
      if (!message || message.channel_id !== params.channel) return unknownMessage();
      if (message.author.id !== world.bot.id) return fail(403, 50005, 'Cannot edit a message authored by another user');
      const edited = messages.edit(message, body as MessageBody);
      return isFailure(edited) ? fail(edited.status, edited.code, edited.message, edited.errors) : ok(edited);
    },
    'DELETE /channels/:channel/messages/:message': ({ params }) => {
      const message = messages.byId.get(params.message ?? '');
      if (!message || message.channel_id !== params.channel) return unknownMessage();
      messages.byId.delete(message.id);
      return noContent();
    },
    'GET /applications/:app/commands': ({ params }) => ownApp(services, params, () => ok(commands.list(null))),
    'PUT /applications/:app/commands': ({ params, body }) =>
      ownApp(services, params, () => overwrite(commands, null, body)),
    'GET /applications/:app/guilds/:guild/commands': ({ params }) =>
      ownApp(services, params, () =>
        world.guilds.has(params.guild ?? '')
          ? ok(commands.list(params.guild ?? ''))
          : fail(404, 10004, 'Unknown Guild'),
      ),
    'PUT /applications/:app/guilds/:guild/commands': ({ params, body }) =>
      ownApp(services, params, () =>
        world.guilds.has(params.guild ?? '')
          ? overwrite(commands, params.guild ?? '', body)
          : fail(404, 10004, 'Unknown Guild'),
      ),
    'POST /interactions/:interaction/:token/callback': (request) => interactions.callback(request),
    'POST /webhooks/:app/:token': (request) => interactions.followUp(request),
    'GET /webhooks/:app/:token/messages/:message': (request) => interactions.webhookMessage(request),
    'PATCH /webhooks/:app/:token/messages/:message': (request) => interactions.webhookMessage(request),
    'DELETE /webhooks/:app/:token/messages/:message': (request) => interactions.webhookMessage(request),
  };
}

function postMessage({ world, messages }: Services, { params, body }: RestRequest): RestReply {
  const channelId = params.channel ?? '';
  const dm = world.dmChannel(channelId);
  if (!dm && !world.guildChannel(channelId)) return unknownChannel();
  const recipient = dm?.recipients?.[0];
  if (recipient && world.closedDms.has(recipient.id)) return fail(403, 50007, 'Cannot send messages to this user');
  const posted = messages.create(channelId, world.bot, body as MessageBody);
  if (isFailure(posted)) return fail(posted.status, posted.code, posted.message, posted.errors);
  const channel = dm ?? world.guildChannel(channelId)?.channel;
  if (channel) channel.last_message_id = posted.id;
  return ok(posted);
}

function overwrite(commands: CommandRegistry, guildId: string | null, body: unknown): RestReply {
  const result = commands.overwrite(guildId, body as RESTPutAPIApplicationCommandsJSONBody);
  return Array.isArray(result) ? ok(result) : { status: 400, body: result };
}

/** Routes under /applications/{id} answer 403 for another application's id. */
function ownApp({ world }: Services, params: Record<string, string>, answer: () => RestReply): RestReply {
  return params.app === world.applicationId ? answer() : fail(403, 50001, 'Missing Access');
}

function gatewayBot(url: string): RESTGetAPIGatewayBotResult {
  return {
    url,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  };
}

function application({ world }: Services): APIApplication {
  return {
    id: world.applicationId,
    name: world.bot.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.bot,
    summary: '',
    verify_key: 'c0ffee'.repeat(10).slice(0, 64),
    team: null,
    flags: ApplicationFlags.GatewayMessageContentLimited,
    flags_new: String(ApplicationFlags.GatewayMessageContentLimited),
  };
}

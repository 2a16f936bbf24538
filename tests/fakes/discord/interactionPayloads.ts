/**
 * INTERACTION_CREATE payloads as Discord sends them to a guild bot: slash commands,
 * autocomplete, button presses and modal submissions. Each carries every field discord.js
 * reads (entitlements, authorizing_integration_owners, member.user, app_permissions, locale,
 * guild_locale, channel…); the types make a forgotten one a compile error.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmission,
  type APIModalSubmitInteraction,
  type APIUser,
} from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import type { CommandRegistry, Invocation } from './commands.ts';
import { BOT_PERMISSIONS, MEMBER_PERMISSIONS, type FakeGuild, type GuildTextChannel, type World } from './world.ts';

export interface Where {
  user: APIUser;
  guild: FakeGuild;
  channel: GuildTextChannel;
  /** The member's client language (default: en-US). */
  locale?: Locale;
  /** In the user's DM with the bot instead of the guild channel. */
  dm?: boolean;
  /** The member's permissions in the channel, as Discord computes them (default: MEMBER_PERMISSIONS). */
  permissions?: bigint;
}

/** The fields every interaction shares. */
function common(world: World, where: Where) {
  return where.dm ? dmFields(world, where) : guildFields(world, where);
}

function identity(world: World) {
  const id = world.ids.next();
  return {
    id,
    application_id: world.applicationId,
    // Real tokens are long opaque strings; one that needs URL-encoding care is the honest test.
    token: `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`,
    version: 1 as const,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** In a bot DM: `user` instead of `member`, no guild, and "0" as the guild-install owner. */
function dmFields(world: World, where: Where) {
  const channel = world.dmWith(where.user);
  return {
    ...identity(world),
    channel,
    channel_id: channel.id,
    user: where.user,
    app_permissions: BOT_PERMISSIONS.toString(),
    locale: where.locale ?? Locale.EnglishUS,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    context: InteractionContextType.BotDM,
  };
}

function guildFields(world: World, where: Where) {
  const member = world.guilds.get(where.guild.id)?.members.get(where.user.id);
  if (!member)
    throw new Error(`${where.user.username} is not a member of ${where.guild.name}: add them with world.addMember`);
  const guildMember: APIInteractionGuildMember = {
    ...member,
    user: where.user,
    permissions: (where.permissions ?? MEMBER_PERMISSIONS).toString(),
  };
  return {
    ...identity(world),
    guild_id: where.guild.id,
    guild: { id: where.guild.id, locale: where.guild.locale, features: [] },
    channel: where.channel,
    channel_id: where.channel.id,
    member: guildMember,
    app_permissions: BOT_PERMISSIONS.toString(),
    locale: where.locale ?? Locale.EnglishUS,
    guild_locale: where.guild.locale,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: where.guild.id },
    context: InteractionContextType.Guild,
  };
}

export function slashCommand(
  world: World,
  commands: CommandRegistry,
  where: Where,
  invocation: Invocation,
): APIChatInputApplicationCommandInteraction {
  const command = commands.find(invocation.name, where.dm ? null : where.guild.id, where.dm);
  const { options, resolved } = commands.options(command, invocation);
  return {
    ...common(world, where),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
      options: options as NonNullable<APIChatInputApplicationCommandInteraction['data']['options']>,
      ...(resolved ? { resolved } : {}),
    },
  };
}

export function autocomplete(
  world: World,
  commands: CommandRegistry,
  where: Where,
  invocation: Invocation & { focused: string },
): APIApplicationCommandAutocompleteInteraction {
  const command = commands.find(invocation.name, where.dm ? null : where.guild.id, where.dm);
  const { options } = commands.options(command, invocation, invocation.focused);
  return {
    ...common(world, where),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options: options as APIApplicationCommandAutocompleteInteraction['data']['options'],
    },
  };
}

export function buttonPress(
  world: World,
  where: Where,
  message: APIMessage,
  customId: string,
): APIMessageComponentButtonInteraction {
  if (!hasButton(message.components ?? [], customId)) {
    throw new Error(
      `message ${message.id} has no button with custom_id ${JSON.stringify(customId)}: a member could not press it`,
    );
  }
  return {
    ...common(world, where),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  };
}

export function modalSubmit(
  world: World,
  where: Where,
  data: APIModalSubmission,
  message?: APIMessage,
): APIModalSubmitInteraction {
  return {
    ...common(world, where),
    type: InteractionType.ModalSubmit,
    data,
    ...(message ? { message } : {}),
  };
}

/** Whether a (possibly nested) component tree holds an enabled button with this custom_id. */
function hasButton(components: readonly unknown[], customId: string): boolean {
  return components.some((component) => {
    if (typeof component !== 'object' || component === null) return false;
    const node = component as {
      type?: number;
      custom_id?: string;
      disabled?: boolean;
      components?: unknown[];
      accessory?: unknown;
    };
    if (node.type === ComponentType.Button && node.custom_id === customId) return !node.disabled;
    return hasButton(node.components ?? [], customId) || hasButton(node.accessory ? [node.accessory] : [], customId);
  });
}

/**
 * What the fake Discord knows: the application, its bot user, guilds with their channels, roles
 * and members, other users, DM channels. Every object is typed against discord-api-types/v10,
 * so a required field missing here fails to compile instead of failing inside discord.js.
 */
import {
  ChannelFlags,
  ChannelType,
  GuildMemberFlags,
  RoleFlags,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type APIDMChannel,
  type APIGuildMember,
  type APIGuildTextChannel,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import { SnowflakeGenerator, snowflakeDate } from './snowflake.ts';

export type GuildTextChannel = APIGuildTextChannel<ChannelType.GuildText>;

export interface FakeGuild {
  id: string;
  name: string;
  locale: Locale;
  ownerId: string;
  roles: APIRole[];
  channels: GuildTextChannel[];
  members: Map<string, APIGuildMember>;
}

export interface UserSpec {
  username: string;
  globalName?: string;
  bot?: boolean;
}

/** What the bot may do in a text channel: the permissions a freshly invited bot usually has. */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
].reduce((all, bit) => all | bit, 0n);

export const MEMBER_PERMISSIONS = BOT_PERMISSIONS;

export class World {
  readonly ids = new SnowflakeGenerator();
  readonly applicationId: string;
  readonly bot: APIUser;
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, FakeGuild>();
  /** DM channels by recipient id. */
  readonly dms = new Map<string, APIDMChannel>();
  /** Users who do not accept DMs from the bot: a post to their DM channel answers 50007. */
  readonly closedDms = new Set<string>();

  constructor(botName = 'emcee') {
    this.applicationId = this.ids.next();
    // A bot user's id is its application's id.
    this.bot = userObject(this.applicationId, { username: botName, bot: true });
    this.users.set(this.bot.id, this.bot);
  }

  addUser(spec: UserSpec): APIUser {
    const user = userObject(this.ids.next(), spec);
    this.users.set(user.id, user);
    return user;
  }

  addGuild(name: string, options: { locale?: Locale; channels?: string[] } = {}): FakeGuild {
    const id = this.ids.next();
    const everyone = roleObject(id, '@everyone', 0, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages);
    const guild: FakeGuild = {
      id,
      name,
      locale: options.locale ?? Locale.EnglishUS,
      ownerId: this.ids.next(),
      roles: [everyone],
      channels: [],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    for (const channel of options.channels ?? ['general']) this.addChannel(guild, channel);
    this.addMember(guild, this.bot);
    return guild;
  }

  addChannel(guild: FakeGuild, name: string): GuildTextChannel {
    const channel: GuildTextChannel = {
      id: this.ids.next(),
      type: ChannelType.GuildText,
      guild_id: guild.id,
      name,
      position: guild.channels.length,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      parent_id: null,
      rate_limit_per_user: 0,
      flags: 0 as ChannelFlags,
    };
    guild.channels.push(channel);
    return channel;
  }

  addRole(guild: FakeGuild, name: string): APIRole {
    const role = roleObject(this.ids.next(), name, guild.roles.length, 0n);
    guild.roles.push(role);
    return role;
  }

  addMember(guild: FakeGuild, user: APIUser, roles: APIRole[] = []): APIGuildMember {
    const member: APIGuildMember = {
      user,
      nick: null,
      roles: roles.map((role) => role.id),
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    };
    guild.members.set(user.id, member);
    return member;
  }

  /** The DM channel with a user, made on first use as Discord does. */
  dmWith(user: APIUser): APIDMChannel {
    const existing = this.dms.get(user.id);
    if (existing) return existing;
    const channel: APIDMChannel = {
      id: this.ids.next(),
      type: ChannelType.DM,
      recipients: [user],
      last_message_id: null,
      flags: 0 as ChannelFlags,
      name: null,
    };
    this.dms.set(user.id, channel);
    return channel;
  }

  guildChannel(channelId: string): { guild: FakeGuild; channel: GuildTextChannel } | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.find((candidate) => candidate.id === channelId);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  dmChannel(channelId: string): APIDMChannel | undefined {
    return [...this.dms.values()].find((channel) => channel.id === channelId);
  }

  guildCreate(guild: FakeGuild): GatewayGuildCreateDispatchData {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: guild.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: guild.channels[0]?.id ?? null,
      system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
      rules_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: guild.locale,
      public_updates_channel_id: null,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: snowflakeDate(guild.id).toISOString(),
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.values()],
      channels: guild.channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

function userObject(id: string, spec: UserSpec): APIUser {
  return {
    id,
    username: spec.username,
    discriminator: '0',
    global_name: spec.globalName ?? null,
    avatar: null,
    ...(spec.bot ? { bot: true } : {}),
  };
}

function roleObject(id: string, name: string, position: number, permissions: bigint): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import type { OptionValue } from '../../core/invocation.ts';
import type { Actor } from './dispatch.ts';

/** Who acted, where, in which language, with which roles (ids and names, as the config may name either). */
export function actorOf(interaction: Interaction): Actor {
  const member = interaction.member;
  const ids = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const names = ids.flatMap((id) => interaction.guild?.roles.cache.get(id)?.name ?? []);
  const displayName =
    (member && 'displayName' in member ? member.displayName : member?.nick) ??
    interaction.user.globalName ??
    interaction.user.username;
  return {
    guildId: interaction.guildId ?? '',
    channelId: interaction.channelId ?? '',
    userId: interaction.user.id,
    displayName,
    locale: interaction.locale,
    roles: [...ids, ...names],
    // Discord computes it for this member in this channel (administrators hold every permission).
    organiser: interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
  };
}

/** A slash command's typed options as the core takes them, by name; subcommand levels are walked through. */
export function typedOptions(data: readonly CommandInteractionOption[]): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = {};
  for (const option of data) {
    if (
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      Object.assign(options, typedOptions(option.options ?? []));
    } else if (
      typeof option.value === 'string' ||
      typeof option.value === 'number' ||
      typeof option.value === 'boolean'
    ) {
      options[option.name] = option.value;
    }
  }
  return options;
}

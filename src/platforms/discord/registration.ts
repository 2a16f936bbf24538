/**
 * The application commands Discord is told about, generated from the neutral definitions (never a
 * hand-kept file): descriptions in English with French localisations, typed options, choices,
 * subcommands, autocomplete for meetups, and organiser commands hidden from members by default
 * (ManageEvents; the core still checks every invocation).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, Localised, LocalisedName, OptionSpec } from '../../core/command.ts';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

const TYPE = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

/** Options whose value is a meetup: Discord suggests them as the member types. */
const AUTOCOMPLETED = new Set(['event']);

export function commandsJson(definitions: readonly CommandDefinition<unknown>[]): CommandJson[] {
  return definitions.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    ...named(command),
    ...described(command.description),
    options: command.subcommands
      ? command.subcommands.map((sub): APIApplicationCommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          ...named(sub),
          ...described(sub.description),
          options: options(sub.options),
        }))
      : options(command.options),
    ...(command.organiserOnly ? { default_member_permissions: PermissionFlagsBits.ManageEvents.toString() } : {}),
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  }));
}

/** The English name is canonical (interactions carry it); French clients see the French one. */
function named(what: { name: string; names?: LocalisedName }) {
  return { name: what.name, ...(what.names ? { name_localizations: { fr: what.names.fr } } : {}) };
}

function described(description: Localised) {
  return { description: description.en, description_localizations: { fr: description.fr } };
}

/** Discord wants required options first; the definition's order is kept otherwise. */
function options(specs: readonly OptionSpec[]): APIApplicationCommandBasicOption[] {
  const ordered = [...specs.filter((spec) => spec.required), ...specs.filter((spec) => !spec.required)];
  return ordered.map(option);
}

function option(spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = { ...named(spec), ...described(spec.description), required: Boolean(spec.required) };
  switch (spec.type) {
    case 'boolean':
      return { ...base, type: TYPE.boolean };
    case 'integer':
      return {
        ...base,
        type: TYPE.integer,
        ...(spec.minValue !== undefined ? { min_value: spec.minValue } : {}),
        ...(spec.maxValue !== undefined ? { max_value: spec.maxValue } : {}),
      };
    case 'string': {
      const limits = spec.maxLength !== undefined ? { max_length: spec.maxLength } : {};
      if (spec.choices?.length)
        return {
          ...base,
          type: TYPE.string,
          ...limits,
          choices: spec.choices.map((value) => ({ name: value, value })),
        };
      return { ...base, type: TYPE.string, ...limits, ...(AUTOCOMPLETED.has(spec.name) ? { autocomplete: true } : {}) };
    }
  }
}

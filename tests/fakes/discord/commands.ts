/**
 * Application commands: bulk overwrites (global and per guild) recorded and validated the way
 * Discord validates them, and the typed options of an invocation built from the registered
 * schema, so a test types `{ event: 4 }` and the bot receives what Discord would send.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  ApplicationIntegrationType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
  type APIUser,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { SnowflakeGenerator } from './snowflake.ts';
import { Recorded } from './waiting.ts';

export type OptionValue = string | number | boolean | APIUser;

export interface Invocation {
  name: string;
  group?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
}

export interface Overwrite {
  guildId: string | null;
  body: RESTPutAPIApplicationCommandsJSONBody;
  commands: APIApplicationCommand[];
}

type DataOption = {
  name: string;
  type: ApplicationCommandOptionType;
  value?: unknown;
  options?: DataOption[];
  focused?: boolean;
};

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export class CommandRegistry {
  readonly overwrites = new Recorded<Overwrite>('a bulk overwrite of commands');
  private readonly scopes = new Map<string | null, APIApplicationCommand[]>();

  constructor(
    private readonly ids: SnowflakeGenerator,
    private readonly applicationId: string,
  ) {}

  /** PUT …/commands: replaces the scope's commands; a name already known keeps its id. */
  overwrite(
    guildId: string | null,
    body: RESTPutAPIApplicationCommandsJSONBody,
  ): APIApplicationCommand[] | Record<string, unknown> {
    const errors = validateCommands(body);
    if (errors) return errors;
    const previous = this.scopes.get(guildId) ?? [];
    const commands = body.map((input): APIApplicationCommand => {
      const kept = previous.find(
        (command) => command.name === input.name && command.type === (input.type ?? ApplicationCommandType.ChatInput),
      );
      return {
        id: kept?.id ?? this.ids.next(),
        application_id: this.applicationId,
        ...(guildId ? { guild_id: guildId } : {}),
        type: input.type ?? ApplicationCommandType.ChatInput,
        name: input.name,
        name_localizations: input.name_localizations ?? null,
        description: 'description' in input ? (input.description ?? '') : '',
        description_localizations:
          'description_localizations' in input ? (input.description_localizations ?? null) : null,
        ...('options' in input && input.options ? { options: input.options } : {}),
        default_member_permissions: input.default_member_permissions ?? null,
        nsfw: input.nsfw ?? false,
        integration_types: input.integration_types ?? [ApplicationIntegrationType.GuildInstall],
        contexts: input.contexts ?? (guildId ? null : [InteractionContextType.Guild, InteractionContextType.BotDM]),
        version: this.ids.next(),
      };
    });
    this.scopes.set(guildId, commands);
    this.overwrites.push({ guildId, body, commands });
    return commands;
  }

  list(guildId: string | null): APIApplicationCommand[] {
    return this.scopes.get(guildId) ?? [];
  }

  /** The command a member would pick in this guild: guild commands first, then global ones. */
  find(name: string, guildId: string | null, inDm = false): APIApplicationCommand {
    const command = [...(guildId ? this.list(guildId) : []), ...this.list(null)].find(
      (candidate) => candidate.name === name,
    );
    if (!command) throw new Error(`/${name} was never registered (PUT …/commands), so Discord would not offer it`);
    if (inDm && !(command.contexts ?? []).includes(InteractionContextType.BotDM))
      throw new Error(`/${name} is not offered in DMs (contexts)`);
    return command;
  }

  /** Typed options as Discord sends them, with the users they name in `resolved`. */
  options(
    command: APIApplicationCommand,
    invocation: Invocation,
    focused?: string,
  ): { options: DataOption[]; resolved?: APIInteractionDataResolved } {
    const users: Record<string, APIUser> = {};
    let schema = command.options ?? [];
    const path: { name: string; type: ApplicationCommandOptionType }[] = [];
    if (invocation.group) {
      const group = pick(schema, invocation.group, ApplicationCommandOptionType.SubcommandGroup, command.name);
      path.push({ name: group.name, type: group.type });
      schema = 'options' in group ? (group.options ?? []) : [];
    }
    if (invocation.subcommand) {
      const sub = pick(schema, invocation.subcommand, ApplicationCommandOptionType.Subcommand, command.name);
      path.push({ name: sub.name, type: sub.type });
      schema = 'options' in sub ? (sub.options ?? []) : [];
    } else if (schema.some((option) => option.type === ApplicationCommandOptionType.Subcommand)) {
      throw new Error(`/${command.name} has subcommands: name one`);
    }
    const leaves = Object.entries(invocation.options ?? {}).map(([name, value]) =>
      typedOption(schema, command.name, name, value, name === focused, users),
    );
    for (const option of schema) {
      const required = 'required' in option && option.required;
      if (required && !focused && !leaves.some((leaf) => leaf.name === option.name))
        throw new Error(`/${command.name}: option ${option.name} is required`);
    }
    const nested = path.reduceRight<DataOption[]>((inner, level) => [{ ...level, options: inner }], leaves);
    return Object.keys(users).length ? { options: nested, resolved: { users } } : { options: nested };
  }
}

function pick(
  schema: APIApplicationCommandOption[],
  name: string,
  type: ApplicationCommandOptionType,
  command: string,
): APIApplicationCommandOption {
  const found = schema.find((option) => option.name === name && option.type === type);
  if (!found) throw new Error(`/${command} has no ${ApplicationCommandOptionType[type]} named ${name}`);
  return found;
}

function typedOption(
  schema: APIApplicationCommandOption[],
  command: string,
  name: string,
  value: OptionValue,
  focused: boolean,
  users: Record<string, APIUser>,
): DataOption {
  const option = schema.find((candidate) => candidate.name === name);
  if (!option) throw new Error(`/${command} has no option ${name}`);
  const wrong = () =>
    new Error(
      `/${command}: option ${name} is ${ApplicationCommandOptionType[option.type]}, not ${JSON.stringify(value)}`,
    );
  // While a member types, Discord sends the focused option's partial text as a string.
  if (focused) return { name, type: option.type, value: String(value), focused: true };
  const choices = 'choices' in option ? option.choices : undefined;
  if (choices?.length && !choices.some((choice) => choice.value === value))
    throw new Error(`/${command}: ${JSON.stringify(value)} is not a choice of ${name}`);
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      if (typeof value !== 'string') throw wrong();
      return { name, type: option.type, value };
    case ApplicationCommandOptionType.Integer:
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong();
      return { name, type: option.type, value };
    case ApplicationCommandOptionType.Number:
      if (typeof value !== 'number') throw wrong();
      return { name, type: option.type, value };
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') throw wrong();
      return { name, type: option.type, value };
    case ApplicationCommandOptionType.User:
      if (typeof value !== 'object') throw wrong();
      users[value.id] = value;
      return { name, type: option.type, value: value.id };
    default:
      throw new Error(`/${command}: the fake does not build ${ApplicationCommandOptionType[option.type]} options yet`);
  }
}

/** Discord's checks on a bulk overwrite, answered as its 50035 Invalid Form Body. */
function validateCommands(body: RESTPutAPIApplicationCommandsJSONBody): Record<string, unknown> | undefined {
  const problems: string[] = [];
  if (!Array.isArray(body)) return invalid(['the body must be an array of commands']);
  if (body.length > 100) problems.push('more than 100 commands');
  const names = new Set<string>();
  body.forEach((command, index) => {
    const chatInput = (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    if (names.has(command.name)) problems.push(`${index}.name: ${command.name} is used twice`);
    names.add(command.name);
    checkNamed(problems, `${index}`, command, chatInput);
  });
  return problems.length ? invalid(problems) : undefined;
}

interface NamedThing {
  name: string;
  name_localizations?: Record<string, string | null> | null;
  description?: string;
  description_localizations?: Record<string, string | null> | null;
  options?: NamedThing[];
  required?: boolean;
}

function checkNamed(problems: string[], at: string, thing: NamedThing, chatInput: boolean): void {
  const names = [thing.name, ...Object.values(thing.name_localizations ?? {})].filter((name): name is string => !!name);
  for (const name of names) {
    if (chatInput && (!NAME.test(name) || name !== name.toLowerCase()))
      problems.push(`${at}.name: ${JSON.stringify(name)} is not a valid command name`);
  }
  if (chatInput) {
    const descriptions = [
      thing.description ?? '',
      ...Object.values(thing.description_localizations ?? {}).filter((text): text is string => !!text),
    ];
    for (const text of descriptions) {
      if (text.length < 1 || text.length > 100)
        problems.push(`${at}.description: must be 1 to 100 characters, got ${text.length}`);
    }
  }
  const options = thing.options ?? [];
  if (options.length > 25) problems.push(`${at}.options: more than 25`);
  const firstOptional = options.findIndex((option) => !option.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((option) => option.required))
    problems.push(`${at}.options: required options must come first`);
  options.forEach((option, index) => checkNamed(problems, `${at}.options.${index}`, option, true));
}

function invalid(problems: string[]): Record<string, unknown> {
  return {
    code: 50035,
    message: 'Invalid Form Body',
    errors: { _errors: problems.map((message) => ({ code: 'INVALID', message })) },
  };
}

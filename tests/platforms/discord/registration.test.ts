/**
 * Every slash command as Discord is told about it, checked against Discord's limits in both
 * languages: a description over 100 characters or a misplaced required option makes Discord
 * refuse the whole registration.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { deployCommands } from '../../../src/cli/deployCommands.ts';
import { commandsJson } from '../../../src/platforms/discord/registration.ts';

interface Named {
  name: string;
  description?: string;
  description_localizations?: Record<string, string | null> | null;
  name_localizations?: Record<string, string | null> | null;
  required?: boolean;
  choices?: unknown[];
  options?: Named[];
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Every problem of one command or option, with where it is (`announce.options.at`). */
function problems(thing: Named, at: string): string[] {
  const found: string[] = [];
  for (const name of [thing.name, ...Object.values(thing.name_localizations ?? {})]) {
    if (name && (!NAME.test(name) || name !== name.toLowerCase())) found.push(`${at}: name ${JSON.stringify(name)}`);
  }
  const descriptions = { en: thing.description ?? '', ...thing.description_localizations };
  for (const [language, text] of Object.entries(descriptions)) {
    const length = [...(text ?? '')].length;
    if (length < 1 || length > 100) found.push(`${at}: ${language} description is ${length} characters: ${text}`);
  }
  const options = thing.options ?? [];
  if (options.length > 25) found.push(`${at}: ${options.length} options`);
  if ((thing.choices ?? []).length > 25) found.push(`${at}: ${thing.choices!.length} choices`);
  const firstOptional = options.findIndex((option) => !option.required);
  if (firstOptional >= 0 && options.slice(firstOptional).some((option) => option.required))
    found.push(`${at}: a required option after an optional one`);
  for (const option of options) found.push(...problems(option, `${at}.${option.name}`));
  return found;
}

describe('Discord application commands, generated from commands/', () => {
  const json = commandsJson(commands);

  it('registers every command of commands/, once', () => {
    expect(json.map((command) => command.name)).toEqual(commands.map((command) => command.name));
  });

  it('keeps within Discord’s limits in English and in French', () => {
    expect(json.flatMap((command) => problems(command as Named, command.name))).toEqual([]);
  });

  it('describes every command and option in French too', () => {
    const missing = (thing: Named, at: string): string[] => [
      ...(thing.description_localizations?.fr ? [] : [at]),
      ...(thing.options ?? []).flatMap((option) => missing(option, `${at}.${option.name}`)),
    ];
    expect(json.flatMap((command) => missing(command as Named, command.name))).toEqual([]);
  });

  it('names every command, subcommand and option in French too, each unique within its level', () => {
    const problemsOf = (things: Named[], at: string): string[] => {
      const french = things.map((thing) => thing.name_localizations?.fr);
      return [
        ...things.filter((thing) => !thing.name_localizations?.fr).map((thing) => `${at}${thing.name}: no French name`),
        ...(new Set(french).size === french.length
          ? []
          : [`${at}: two French names alike in ${JSON.stringify(french)}`]),
        ...things.flatMap((thing) => problemsOf(thing.options ?? [], `${at}${thing.name}.`)),
      ];
    };
    expect(problemsOf(json as Named[], '')).toEqual([]);
    const french = Object.fromEntries(json.map((command) => [command.name, command.name_localizations?.fr]));
    expect(french).toMatchObject({
      agenda: 'agenda',
      propose: 'proposer',
      proposals: 'propositions',
      feedback: 'avis',
      announce: 'annoncer',
    });
  });

  it('hides organiser commands from members by default, and only them', () => {
    const hidden = json
      .filter((command) => command.default_member_permissions === PermissionFlagsBits.ManageEvents.toString())
      .map((command) => command.name);
    expect(hidden.sort()).toEqual(
      commands
        .filter((command) => command.organiserOnly)
        .map((command) => command.name)
        .sort(),
    );
  });

  it('offers meetups as the member types an event option, with typed integers and choices kept', () => {
    const leaves = (options: Named[] = []): Array<Named & { type?: number; autocomplete?: boolean }> =>
      options.flatMap((option) => [option, ...leaves(option.options)]);
    const all = json.flatMap((command) => leaves(command.options as Named[]));
    const events = all.filter((option) => option.name === 'event');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((option) => option.autocomplete === true)).toBe(true);
    expect(all.some((option) => option.type === ApplicationCommandOptionType.Integer)).toBe(true);
    const specs = commands.flatMap((command) =>
      command.subcommands ? command.subcommands.flatMap((sub) => sub.options) : command.options,
    );
    const withChoices = specs.filter((spec) => spec.choices?.length).map((spec) => spec.choices);
    expect(
      all
        .filter((option) => option.choices?.length)
        .map((option) => (option.choices as Array<{ value: string }>).map((choice) => choice.value)),
    ).toEqual(withChoices);
  });
});

describe('npm run deploy-commands', () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await deployCommands(argv, { env, out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('--print writes the JSON it would send, without a token', async () => {
    const printed = await run(['--print'], {});
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.out)).toEqual(JSON.parse(JSON.stringify(commandsJson(commands))));
  });

  it('says what is missing: the token, or a configured guild', async () => {
    const noToken = await run([], {});
    expect(noToken.code).toBe(1);
    expect(noToken.err).toMatch(/DISCORD_TOKEN/);
    // The sample configuration names no Discord server.
    const noGuild = await run(['--config', 'config'], { DISCORD_TOKEN: 'x' });
    expect(noGuild.code).toBe(1);
    expect(noGuild.err).toMatch(/discord\.guildId.*--global/);
  });
});

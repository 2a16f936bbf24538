import { usagesOf, type OptionSpec } from '../src/core/command.ts';
import { defineMessages, type Locale } from '../src/core/i18n.ts';
import { expected } from '../src/core/optionProblems.ts';
import { reply, type Block, type ListItem } from '../src/core/reply.ts';
import { joinText, literal, strong, type Text } from '../src/core/text.ts';
import { examples } from './examples.ts';
import type { Command, Ctx } from './types.ts';

const m = defineMessages({
  en: {
    description: 'What I can do; /help and a command for its options and examples',
    commandOption: 'A command to explain, e.g. propose',
    heading: 'Commands of {community}',
    more: 'Type /help and a command for its options and examples, e.g. /help propose.',
    noSuchCommand: 'There is no command /{name}. The commands are:',
    usage: 'Usage: {usage}',
    options: 'Options',
    noOptions: '/{command} takes no options.',
    examples: 'Examples',
    required: 'required',
    positional: 'may be typed without its name',
  },
  fr: {
    description: 'Ce que je sais faire ; /help et une commande pour ses options et des exemples',
    commandOption: 'Une commande à expliquer, par ex. propose',
    heading: 'Commandes de {community}',
    more: 'Tapez /help et une commande pour ses options et des exemples, par ex. /help propose.',
    noSuchCommand: 'Il n’y a pas de commande /{name}. Les commandes sont :',
    usage: 'Utilisation : {usage}',
    options: 'Options',
    noOptions: '/{command} ne prend pas d’option.',
    examples: 'Exemples',
    required: 'obligatoire',
    positional: 'peut se taper sans son nom',
  },
});

/** `/help`: every command with its description; `/help propose`: that command's options and examples. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    names: { fr: 'aide' },
    description: m.both('description'),
    options: [
      {
        name: 'command',
        names: { fr: 'commande' },
        type: 'string',
        positional: true,
        maxLength: 50,
        example: 'propose',
        description: m.both('commandOption'),
      },
    ],
    examples: examples.help,
    responds: 'ephemeral',
    run(ctx, options) {
      if (typeof options.command !== 'string') return reply(everyCommand(ctx, all()));
      // `/help /propose` and `/help Propose` mean the same command.
      const name = options.command.replace(/^\//, '').toLowerCase();
      const command = all().find((candidate) => candidate.name === name);
      if (!command)
        return reply([
          { type: 'text', text: m.t(ctx.locale, 'noSuchCommand', { name: options.command }) },
          ...everyCommand(ctx, all()),
        ]);
      return reply(oneCommand(command, ctx.locale));
    },
  };
}

function everyCommand(ctx: Ctx, commands: readonly Command[]): Block[] {
  // Descriptions of organiser-only commands say so themselves (tests/commands.test.ts), as
  // platforms show them in their own command pickers too.
  const items = commands.map((command) => ({
    text: [strong(`/${command.name}`), literal(` — ${command.description[ctx.locale]}`)],
  }));
  return [
    { type: 'heading', text: m.t(ctx.locale, 'heading', { community: ctx.community.name }) },
    { type: 'list', items },
    { type: 'text', text: m.t(ctx.locale, 'more') },
  ];
}

function oneCommand(command: Command, locale: Locale): Block[] {
  const blocks: Block[] = [
    { type: 'heading', text: [strong(`/${command.name}`)] },
    { type: 'text', text: [literal(command.description[locale])] },
  ];
  const usages = usagesOf(command);
  for (const way of usages) {
    // A command made of subcommands lists each with its own description, options and examples.
    if (way.subcommand)
      blocks.push({ type: 'heading', text: [strong(`/${way.name}`), literal(` — ${way.description[locale]}`)] });
    blocks.push({
      type: 'text',
      text: m.t(locale, 'usage', { usage: [literal(usage(way.name, way.runnable.options))] }),
    });
    const options = way.runnable.options;
    if (options.length === 0)
      blocks.push({ type: 'text', text: m.t(locale, 'noOptions', { command: [literal(way.name)] }) });
    else
      blocks.push(
        { type: 'heading', text: m.t(locale, 'options') },
        { type: 'list', items: options.map((spec) => optionItem(spec, locale)) },
      );
  }
  const shown = [...(command.examples ?? []), ...usages.flatMap((way) => (way.subcommand ? way.examples : []))];
  if (shown.length > 0) {
    const items = shown.map((example) => ({
      text: [strong(example.line), literal(` — ${example.description[locale]}`)],
    }));
    blocks.push({ type: 'heading', text: m.t(locale, 'examples') }, { type: 'list', items });
  }
  return blocks;
}

/** `/proposals accept id [reason:…]`: positional options by name, named ones as `name:…`, optional ones in brackets. */
function usage(name: string, options: readonly OptionSpec[]): string {
  const parts = options.map((spec) => {
    const shape = spec.positional ? spec.name : `${spec.name}:…`;
    return spec.required ? shape : `[${shape}]`;
  });
  return [`/${name}`, ...parts].join(' ');
}

/** An option's name and description, then what it accepts, whether it is required and how it may be typed. */
function optionItem(spec: OptionSpec, locale: Locale): ListItem {
  const notes: Text[] = [expected(spec, locale)];
  if (spec.required) notes.push(m.t(locale, 'required'));
  if (spec.positional) notes.push(m.t(locale, 'positional'));
  return { text: [strong(spec.name), literal(` — ${spec.description[locale]}`)], detail: joinText(notes, ' · ') };
}

import type { Clock } from './clock.ts';
import type { CommunityInfo } from './community.ts';
import type { Form, FormSubmission } from './form.ts';
import type { Locale } from './i18n.ts';
import type { Origin, OptionValue } from './invocation.ts';
import type { Reply, Visibility } from './reply.ts';
import type { Text } from './text.ts';

export type Localised = Record<Locale, string>;

/**
 * A name's French form, shown by Discord to French clients (`name_localizations`); the English
 * `name` stays the canonical one that interactions, the console and Slack use.
 */
export interface LocalisedName {
  fr: string;
}

export interface OptionSpec {
  name: string;
  names?: LocalisedName;
  type: 'string' | 'integer' | 'boolean';
  description: Localised;
  required?: boolean;
  /** Allowed values (string options); also lets a positional word find its option. */
  choices?: readonly string[];
  /** May be typed without its name (`/agenda 4`), filled in declaration order. */
  positional?: boolean;
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
  /** A typical value, shown in help and in how-to-type hints (`/agenda event:4`). */
  example?: string;
}

export type Options = Record<string, OptionValue | undefined>;

/** A line to type and what it does, shown by `/help <command>`. */
export interface CommandExample {
  /** The whole line, command included: `/agenda 4`. */
  line: string;
  description: Localised;
}

export type Outcome = Reply | Form;

/** Everything a command may use: who asked, where, in which language, and the bot's services. */
export interface CommandContext<S, C extends CommunityInfo = CommunityInfo> {
  origin: Origin;
  /** The community asked, as the composition root configured it (commands see every setting). */
  community: C;
  locale: Locale;
  isOrganiser: boolean;
  clock: Clock;
  services: S;
}

/**
 * What an adapter must know before running a command (Discord answers within 3 s; a modal only as
 * the first response): it opens a form, or it answers with that visibility (and may be deferred so).
 */
export type FirstResponse = 'form' | Visibility;

/** Declared per command or subcommand; a function when it depends on the options given. */
export type Responds = FirstResponse | ((options: Options) => FirstResponse);

/** A button's first response: also `replace`, an answer that takes the place of the message the button was on. */
export type ButtonResponse = FirstResponse | 'replace';

/** What a command may do when it runs: one action, with its own typed options. */
export interface Runnable<S, C extends CommunityInfo = CommunityInfo> {
  options: readonly OptionSpec[];
  /** Said before running: a form, or a reply of this visibility. */
  responds: Responds;
  run(ctx: CommandContext<S, C>, options: Options): Promise<Outcome> | Outcome;
}

/** One action of a command (`/proposals accept 3`): a Discord native subcommand, a first word elsewhere. */
export interface SubcommandDefinition<S, C extends CommunityInfo = CommunityInfo> extends Runnable<S, C> {
  /** Lower case, as a command name (Discord's rules). */
  name: string;
  names?: LocalisedName;
  description: Localised;
  /** On top of the command's own: `/feedback summary` is for organisers, `/feedback` is not. */
  organiserOnly?: boolean;
  examples?: readonly CommandExample[];
}

interface CommandBase<S, C extends CommunityInfo = CommunityInfo> {
  name: string;
  names?: LocalisedName;
  description: Localised;
  /** Members who are not organisers get a clear "organisers only" reply. */
  organiserOnly?: boolean;
  /** Typical lines, shown by `/help <command>`. */
  examples?: readonly CommandExample[];
  /** Receives the submission of a Form this command returned. */
  submit?(ctx: CommandContext<S, C>, submission: FormSubmission): Promise<Outcome> | Outcome;
  /** Receives a button press from a Reply this command returned. */
  act?(ctx: CommandContext<S, C>, action: { action: string; value: string }): Promise<Outcome> | Outcome;
  /** How `act` answers each button action, known before it runs; `ephemeral` when not said. */
  actResponds?(action: string): ButtonResponse;
  /**
   * How its feature's refusals read (errors a repository throws as data, worded with what only the
   * command's context knows): the core's guard asks before counting an error as a bug.
   */
  explain?(ctx: CommandContext<S, C>, error: unknown): Text | undefined;
}

/** A command with one action: its options directly under it (`/agenda 4`). */
export interface SimpleCommand<S, C extends CommunityInfo = CommunityInfo> extends CommandBase<S, C>, Runnable<S, C> {
  subcommands?: undefined;
}

/** A command made of subcommands (`/proposals accept 3`); the default one runs when none is typed. */
export interface CommandWithSubcommands<S, C extends CommunityInfo = CommunityInfo> extends CommandBase<S, C> {
  subcommands: readonly SubcommandDefinition<S, C>[];
  /** Run when the text after the command does not start with a subcommand's name (console, Slack). */
  defaultSubcommand?: string;
}

/**
 * One slash command, platform-neutral (the discord.js guide's `data` + `execute`, without the
 * client monkey-patch). Handlers return values; adapters do the I/O.
 */
export type CommandDefinition<S, C extends CommunityInfo = CommunityInfo> =
  SimpleCommand<S, C> | CommandWithSubcommands<S, C>;

/** The action an invocation runs: the command itself, or one of its subcommands. */
export function runnableOf<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  subcommand: string | undefined,
): Runnable<S, C> | undefined {
  if (!command.subcommands) return subcommand === undefined ? command : undefined;
  return command.subcommands.find((candidate) => candidate.name === subcommand);
}

/** A declared first response, for these options. */
export function firstResponseOf(runnable: Runnable<unknown>, options: Options): FirstResponse {
  return typeof runnable.responds === 'function' ? runnable.responds(options) : runnable.responds;
}

/** One way to run a command, as help lists it: `proposals accept` with its options. */
export interface Usage<S, C extends CommunityInfo = CommunityInfo> {
  /** `proposals accept`, or `agenda` for a command without subcommands. */
  name: string;
  description: Localised;
  runnable: Runnable<S, C>;
  subcommand?: SubcommandDefinition<S, C>;
  examples: readonly CommandExample[];
}

/** Every way to run a command: itself, or each of its subcommands. */
export function usagesOf<S, C extends CommunityInfo>(command: CommandDefinition<S, C>): Usage<S, C>[] {
  if (!command.subcommands)
    return [
      { name: command.name, description: command.description, runnable: command, examples: command.examples ?? [] },
    ];
  return command.subcommands.map((subcommand) => ({
    name: `${command.name} ${subcommand.name}`,
    description: subcommand.description,
    runnable: subcommand,
    subcommand,
    examples: subcommand.examples ?? [],
  }));
}

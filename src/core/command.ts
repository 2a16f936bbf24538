import type { Community } from '../config/community.ts';
import type { Clock } from './clock.ts';
import type { Form, FormSubmission } from './form.ts';
import type { Locale } from './i18n.ts';
import type { Origin, OptionValue } from './invocation.ts';
import type { Reply } from './reply.ts';

export type Localised = Record<Locale, string>;

export interface OptionSpec {
  name: string;
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
export interface CommandContext<S> {
  origin: Origin;
  community: Community;
  locale: Locale;
  isOrganiser: boolean;
  clock: Clock;
  services: S;
}

/**
 * One slash command, platform-neutral (the discord.js guide's `data` + `execute`, without the
 * client monkey-patch). Handlers return values; adapters do the I/O.
 */
export interface CommandDefinition<S> {
  name: string;
  description: Localised;
  options: readonly OptionSpec[];
  /** Members who are not organisers get a clear "organisers only" reply. */
  organiserOnly?: boolean;
  /** Typical lines, shown by `/help <command>`. */
  examples?: readonly CommandExample[];
  run(ctx: CommandContext<S>, options: Options): Promise<Outcome> | Outcome;
  /** Receives the submission of a Form this command returned. */
  submit?(ctx: CommandContext<S>, submission: FormSubmission): Promise<Outcome> | Outcome;
  /** Receives a button press from a Reply this command returned. */
  act?(ctx: CommandContext<S>, action: { action: string; value: string }): Promise<Outcome> | Outcome;
}

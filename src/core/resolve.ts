import type { CommandDefinition, Options, Runnable, SubcommandDefinition } from './command.ts';
import { runnableOf } from './command.ts';
import type { CommunityInfo } from './community.ts';
import type { Invocation } from './invocation.ts';
import type { OptionProblem } from './optionParser.ts';
import { checkTypedOptions, parseOptions } from './optionParser.ts';

/** An invocation matched to what it runs, its options read. */
export type Resolved<S, C extends CommunityInfo = CommunityInfo> =
  | { ok: true; runnable: Runnable<S, C>; subcommand?: SubcommandDefinition<S, C>; options: Options }
  | { ok: false; problem: OptionProblem | { kind: 'unknown-subcommand'; name: string }; runnable?: Runnable<S, C> };

/**
 * Finds the subcommand and reads the options. Discord sends the subcommand typed; in text
 * (console, Slack) it is the first word, else the command's default, so `/proposals accept 3`
 * and `/proposals 4` (the default `list`) both read as people type them.
 */
export function resolve<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  invocation: Invocation,
): Resolved<S, C> {
  const input = invocation.input;
  let name = invocation.subcommand;
  let rest = input.kind === 'text' ? input.text : '';
  if (command.subcommands && name === undefined) {
    const split = splitSubcommand(command, rest);
    if (!split.ok) return { ok: false, problem: { kind: 'unknown-subcommand', name: split.word } };
    [name, rest] = [split.name, split.rest];
  }
  const runnable = runnableOf(command, name);
  if (!runnable) return { ok: false, problem: { kind: 'unknown-subcommand', name: name ?? '' } };
  const parsed =
    input.kind === 'text' ? parseOptions(rest, runnable.options) : checkTypedOptions(input.options, runnable.options);
  if (!parsed.ok) {
    // `/proposals frobnicate 1`: a first word that is no subcommand and does not read as the
    // default's options is most likely a mistyped action.
    const word = misreadAction(command, invocation, rest);
    return word !== undefined
      ? { ok: false, problem: { kind: 'unknown-subcommand', name: word } }
      : { ok: false, problem: parsed.problem, runnable };
  }
  const subcommand = command.subcommands?.find((candidate) => candidate.name === name);
  return { ok: true, runnable, ...(subcommand ? { subcommand } : {}), options: parsed.options };
}

/** The subcommand a typed line names (its first word), else the default one, and the text after it. */
export function splitSubcommand<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  text: string,
): { ok: true; name?: string; typed?: boolean; rest: string } | { ok: false; word: string } {
  if (!command.subcommands) return { ok: true, rest: text };
  const [, first = '', after = ''] = /^\s*(\S*)\s*(.*)$/s.exec(text) ?? [];
  const typed = command.subcommands.find((candidate) => candidate.name === first.toLowerCase());
  if (typed) return { ok: true, name: typed.name, typed: true, rest: after };
  if (command.defaultSubcommand) return { ok: true, name: command.defaultSubcommand, rest: text };
  return { ok: false, word: first };
}

/** The options a typed line is read with, and the text they are read from (console one-liners). */
export function optionsForText<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  text: string,
): { runnable: Runnable<S, C>; rest: string; name: string } | undefined {
  const split = splitSubcommand(command, text);
  if (!split.ok) return undefined;
  const runnable = runnableOf(command, split.name);
  // Named as typed: `/propose title:x` stays `/propose`, its default subcommand implied.
  return runnable && { runnable, rest: split.rest, name: split.typed ? `${command.name} ${split.name}` : command.name };
}

function misreadAction<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  invocation: Invocation,
  rest: string,
): string | undefined {
  if (!command.subcommands || invocation.subcommand !== undefined || invocation.input.kind !== 'text') return undefined;
  const first = /^\s*(\S*)/.exec(invocation.input.text)?.[1] ?? '';
  const usedDefault = rest === invocation.input.text;
  return usedDefault && /^\p{L}[\p{L}-]*$/u.test(first) ? first : undefined;
}

/** The command as the person typed it: `/feedback --rating` stays `/feedback`, `/proposals accept` names its subcommand. */
export function nameAsTyped<S, C extends CommunityInfo>(
  command: CommandDefinition<S, C>,
  invocation: Invocation,
): string {
  if (invocation.subcommand !== undefined) return `${command.name} ${invocation.subcommand}`;
  const split = invocation.input.kind === 'text' ? splitSubcommand(command, invocation.input.text) : undefined;
  return split?.ok && split.typed ? `${command.name} ${split.name}` : command.name;
}

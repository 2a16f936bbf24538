import type { CommandDefinition, OptionSpec, Options } from '../../core/command.ts';
import type { Form, FormField } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import { parseOptions } from '../../core/optionParser.ts';
import { optionsForText } from '../../core/resolve.ts';
import { consoleMessages as m } from './messages.ts';

/**
 * Without a terminal, a form cannot be filled in: the line after a command is the next command.
 * A command whose line already held some of its form's answers (`/propose title:x`) was meant as a
 * one-liner; when it comes back as a form, the console refuses it and says how to type it whole.
 */

/** The options typed on the command's line, when some of them are answers of `form`. */
export function answersOnLine(
  command: CommandDefinition<unknown> | undefined,
  text: string,
  form: Form,
): Options | undefined {
  const usage = command && optionsForText(command, text);
  if (!usage) return undefined;
  const parsed = parseOptions(usage.rest, usage.runnable.options);
  if (!parsed.ok) return undefined;
  return form.fields.some((field) => parsed.options[field.id] !== undefined) ? parsed.options : undefined;
}

/** Lines saying that nothing was saved, what is missing (refused answers are shown before) and the whole line to type. */
export function oneLineRefusal(
  form: Form,
  command: CommandDefinition<unknown>,
  line: string,
  typed: Options,
  locale: Locale,
): string[] {
  const usage = optionsForText(command, line);
  const options = usage?.runnable.options ?? [];
  const name = usage?.name ?? command.name;
  const missing = form.fields.filter(
    (field) => field.required && !form.errors[field.id] && blank(form.values[field.id]),
  );
  // A line with every answer on it was complete: only what was refused needs correcting.
  const lines = [m.s(locale, missing.length > 0 ? 'oneLineRefused' : 'oneLineCorrect', { command: name })];
  if (missing.length > 0)
    lines.push(
      m.s(locale, 'missingFields', { fields: missing.map((field) => `${field.id} (${field.label})`).join(', ') }),
    );
  lines.push(m.s(locale, 'oneLineHint', { line: wholeLine(form, { name, options }, typed) }));
  return lines;
}

/** The command with what was typed and accepted, and a sample for each answer still needed. */
function wholeLine(form: Form, command: { name: string; options: readonly OptionSpec[] }, typed: Options): string {
  const isField = new Set(form.fields.map((field) => field.id));
  const words = [`/${command.name}`];
  for (const spec of command.options) {
    const value = typed[spec.name];
    if (!isField.has(spec.name) && value !== undefined) words.push(`${spec.name}:${quote(String(value))}`);
  }
  for (const field of form.fields) {
    if (!command.options.some((spec) => spec.name === field.id)) continue;
    const value = (form.values[field.id] ?? '').trim();
    const refused = form.errors[field.id] !== undefined;
    if (value !== '' && !refused) words.push(`${field.id}:${quote(value)}`);
    else if (field.required || refused) words.push(`${field.id}:${sample(field)}`);
  }
  return words.join(' ');
}

function sample(field: FormField): string {
  if (field.kind === 'choice') return field.choices[0]?.value ?? '…';
  if (field.kind === 'rating') return String(field.max);
  return '"…"';
}

/** A value as the option parser reads it back: bare when it can be, else in quotes it does not contain. */
function quote(value: string): string {
  if (/^[^\s"'“«]+$/.test(value)) return value;
  return value.includes('"') ? `«${value}»` : `"${value}"`;
}

const blank = (value: string | undefined) => (value ?? '').trim() === '';

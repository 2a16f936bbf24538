import type { OptionSpec } from './command.ts';
import type { Locale } from './i18n.ts';
import { coreMessages as m } from './messages.ts';
import type { OptionProblem } from './optionParser.ts';
import { excerpt, reply, type Reply } from './reply.ts';
import { literal, type Text } from './text.ts';

/** What was run, as typed: `proposals accept` for a subcommand, and the options it takes. */
export interface Usage {
  name: string;
  options: readonly OptionSpec[];
}

/** A friendly reply for input that could not be read, which repeats what the person typed. */
export function describeProblem(problem: OptionProblem, command: Usage, locale: Locale, typed: string): Reply {
  return reply([
    { type: 'text', text: explain(problem, command, locale) },
    // Only the start of it: a pasted page must not come back whole, nor twice.
    { type: 'text', text: m.t(locale, 'youTyped', { typed: excerpt(typed) }) },
  ]);
}

function explain(problem: OptionProblem, command: Usage, locale: Locale): Text {
  const known = command.options.map((o) => o.name).join(', ') || '—';
  const spec = (name: string) => command.options.find((o) => o.name === name);
  switch (problem.kind) {
    case 'unknown-option':
      return m.t(locale, 'unknownOption', {
        name: excerpt(problem.name),
        command: command.name,
        known: [literal(known)],
      });
    case 'unexpected-value':
      return m.t(locale, 'unexpectedValue', {
        value: excerpt(problem.value),
        command: command.name,
        known: [literal(known)],
      });
    case 'bad-value':
      return m.t(locale, 'badValue', {
        value: excerpt(problem.value),
        name: problem.name,
        expected: expected(spec(problem.name), locale),
      });
    case 'missing':
      return m.t(locale, 'missing', {
        command: command.name,
        name: problem.name,
        expected: expected(spec(problem.name), locale),
        example: [literal(requiredLine(command))],
      });
    case 'missing-value':
      return missingValue(command, spec(problem.name), locale);
    case 'unclosed-quote':
      return m.t(locale, 'unclosedQuote');
  }
}

/** `--event` alone: name the option and show both ways of giving it a value. */
function missingValue(command: Usage, spec: OptionSpec | undefined, locale: Locale): Text {
  const name = spec?.name ?? '';
  const value = spec ? exampleValue(spec) : '…';
  return m.t(locale, 'missingValue', {
    name: [literal(name)],
    expected: expected(spec, locale),
    flag: [literal(`/${command.name} --${name} ${value}`)],
    named: [literal(`/${command.name} ${name}:${value}`)],
  });
}

/** The command with a sample for each required option: `/proposals accept 3`. */
function requiredLine(command: Usage): string {
  const words = command.options
    .filter((spec) => spec.required)
    .map((spec) => (spec.positional ? exampleValue(spec) : `${spec.name}:${exampleValue(spec)}`));
  return [`/${command.name}`, ...words].join(' ');
}

/** The option's own example, else a value it accepts. */
export function exampleValue(spec: OptionSpec): string {
  if (spec.example !== undefined) return spec.example;
  if (spec.choices?.[0] !== undefined) return spec.choices[0];
  if (spec.type === 'integer') return String(spec.minValue ?? 1);
  return spec.type === 'boolean' ? 'yes' : '"…"';
}

export function expected(spec: OptionSpec | undefined, locale: Locale): Text {
  if (!spec) return m.t(locale, 'expectText');
  if (spec.choices) return m.t(locale, 'expectChoice', { choices: [literal(spec.choices.join(', '))] });
  if (spec.type === 'boolean') return m.t(locale, 'expectBoolean');
  if (spec.type === 'integer') {
    const { minValue: min, maxValue: max } = spec;
    return min !== undefined && max !== undefined
      ? m.t(locale, 'expectIntegerRange', { min, max })
      : m.t(locale, 'expectInteger');
  }
  return spec.maxLength ? m.t(locale, 'expectTextMax', { max: spec.maxLength }) : m.t(locale, 'expectText');
}

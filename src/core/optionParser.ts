import type { OptionSpec, Options } from './command.ts';
import type { OptionValue } from './invocation.ts';

/**
 * Reads the text typed after a command (console, Slack) into typed options, driven by the
 * command's declared options: `/agenda 4`, `event:4`, `title:"Chaos à la carte"`, `--locale en`.
 */
export type OptionProblem =
  | { kind: 'unknown-option'; name: string }
  | { kind: 'unexpected-value'; value: string }
  | { kind: 'bad-value'; name: string; value: string }
  | { kind: 'missing'; name: string }
  /** `--event` or `event:` with nothing after it, for an option that is not a yes/no. */
  | { kind: 'missing-value'; name: string }
  | { kind: 'unclosed-quote' };

export type ParsedOptions = { ok: true; options: Options } | { ok: false; problem: OptionProblem };

interface Token {
  key?: string;
  /** Undefined for a bare flag (`--public`, `event:`): yes for a boolean, a missing value otherwise. */
  value?: string;
}

export function parseOptions(text: string, specs: readonly OptionSpec[]): ParsedOptions {
  const tokens = tokenize(text);
  if (!tokens) return { ok: false, problem: { kind: 'unclosed-quote' } };
  const options: Options = {};
  for (const token of tokens) {
    const problem =
      token.key === undefined ? placePositional(token.value ?? '', specs, options) : placeNamed(token, specs, options);
    if (problem) return { ok: false, problem };
  }
  return checkRequired(specs, options);
}

/** Typed options (Discord) go through the same checks as parsed text. */
export function checkTypedOptions(values: Record<string, OptionValue>, specs: readonly OptionSpec[]): ParsedOptions {
  const options: Options = {};
  for (const [name, raw] of Object.entries(values)) {
    const problem = placeNamed({ key: name, value: String(raw) }, specs, options);
    if (problem) return { ok: false, problem };
  }
  return checkRequired(specs, options);
}

function checkRequired(specs: readonly OptionSpec[], options: Options): ParsedOptions {
  const missing = specs.find((spec) => spec.required && options[spec.name] === undefined);
  return missing ? { ok: false, problem: { kind: 'missing', name: missing.name } } : { ok: true, options };
}

function placeNamed(token: Token, specs: readonly OptionSpec[], options: Options): OptionProblem | undefined {
  const spec = specs.find((candidate) => candidate.name === token.key?.toLowerCase());
  if (!spec) return { kind: 'unknown-option', name: token.key ?? '' };
  if (token.value === undefined) {
    if (spec.type !== 'boolean') return { kind: 'missing-value', name: spec.name };
    options[spec.name] = true;
    return undefined;
  }
  const value = coerce(token.value, spec);
  if (value === undefined) return { kind: 'bad-value', name: spec.name, value: token.value };
  options[spec.name] = value;
  return undefined;
}

/**
 * A bare word fills the first free positional option that accepts it; the name of a positional
 * yes/no option alone says yes (`/agenda 4 share`).
 */
function placePositional(raw: string, specs: readonly OptionSpec[], options: Options): OptionProblem | undefined {
  const flag = specs.find(
    (spec) =>
      spec.positional && spec.type === 'boolean' && spec.name === raw.toLowerCase() && options[spec.name] === undefined,
  );
  if (flag) {
    options[flag.name] = true;
    return undefined;
  }
  for (const spec of specs) {
    if (spec.type === 'boolean') continue;
    if (!spec.positional || options[spec.name] !== undefined) continue;
    const value = coerce(raw, spec);
    if (value !== undefined) {
      options[spec.name] = value;
      return undefined;
    }
  }
  return { kind: 'unexpected-value', value: raw };
}

function coerce(raw: string, spec: OptionSpec): OptionValue | undefined {
  if (spec.type === 'integer') return toInteger(raw, spec);
  if (spec.type === 'boolean')
    return ({ true: true, yes: true, oui: true, false: false, no: false, non: false } as Record<string, boolean>)[
      raw.toLowerCase()
    ];
  if (spec.choices) return spec.choices.find((choice) => choice === raw.toLowerCase());
  const value = raw.trim();
  if (spec.maxLength !== undefined && value.length > spec.maxLength) return undefined;
  return value;
}

function toInteger(raw: string, spec: OptionSpec): number | undefined {
  if (!/^[+-]?\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw);
  if (spec.minValue !== undefined && value < spec.minValue) return undefined;
  if (spec.maxValue !== undefined && value > spec.maxValue) return undefined;
  return value;
}

/** Splits on spaces, honouring "double", 'single' and “typographic” quotes and `key:value` / `--key value`. */
export function tokenize(text: string): Token[] | undefined {
  const words = splitWords(text);
  if (!words) return undefined;
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const flag = word.quote === 'none' && /^--([a-z][\w-]*)$/i.exec(word.raw);
    if (flag) {
      // The next word is this flag's value, unless there is none or it is itself a flag.
      const next = words[i + 1];
      const bare = !next || (next.quote === 'none' && next.raw.startsWith('--'));
      tokens.push(bare ? { key: flag[1] } : { key: flag[1], value: next.raw });
      if (!bare) i++;
      continue;
    }
    const named = word.quote !== 'whole' && /^([a-z][\w-]*):(.*)$/is.exec(word.raw);
    if (!named) tokens.push({ value: word.raw });
    else if (named[2] === '' && word.quote === 'none') tokens.push({ key: named[1] });
    else tokens.push({ key: named[1], value: named[2] });
  }
  return tokens;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '«': '»' };

/** A word, and whether it was quoted whole (`"--help"`, never a flag) or after its key (`title:""`). */
interface Word {
  raw: string;
  quote: 'none' | 'whole' | 'value';
}

function splitWords(text: string): Word[] | undefined {
  const words: Word[] = [];
  let current = '';
  let quote: Word['quote'] = 'none';
  let closing: string | undefined;
  for (const char of text) {
    if (closing) {
      if (char === closing) closing = undefined;
      else current += char;
    } else if (QUOTES[char] && (current === '' || current.endsWith(':'))) {
      closing = QUOTES[char];
      quote = current === '' ? 'whole' : 'value';
    } else if (/\s/.test(char)) {
      if (current !== '' || quote !== 'none') words.push({ raw: current, quote });
      current = '';
      quote = 'none';
    } else current += char;
  }
  if (closing) return undefined;
  if (current !== '' || quote !== 'none') words.push({ raw: current, quote });
  return words;
}

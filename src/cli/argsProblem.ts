import { closest } from '../config/problems.ts';

/**
 * What node's parseArgs refused, said in the command line's own words: the option as typed, and
 * the nearest known option when it looks like a typo (`--stya` → `--stay`). Node's own message
 * ("To specify a positional argument starting with a '-'…") answers a question nobody asked.
 */
export function argsProblem(error: unknown, known: readonly string[]): string | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return undefined;
  const typed = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && typed) {
    const guess = closest(typed.replace(/^-+/, ''), [...known]);
    return guess ? `unknown option ${typed}: did you mean --${guess}?` : `unknown option ${typed}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && typed) {
    return message.includes('argument missing')
      ? `option ${typed} needs a value (${typed} VALUE)`
      : `option ${typed} takes no value`;
  }
  return message;
}

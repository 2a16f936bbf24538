import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argsProblem } from '../../src/cli/argsProblem.ts';

const OPTIONS = { stay: { type: 'boolean' }, community: { type: 'string' }, json: { type: 'boolean' } } as const;

/** The error node's own parseArgs throws for these arguments. */
function refusal(args: string[]): unknown {
  try {
    parseArgs({ args, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return error;
  }
  throw new Error(`parseArgs took ${args.join(' ')}`);
}

describe('command-line problems', () => {
  const known = Object.keys(OPTIONS);

  it('names an unknown option as typed, and the known one it was meant to be', () => {
    expect(argsProblem(refusal(['start', '--stya']), known)).toBe('unknown option --stya: did you mean --stay?');
    expect(argsProblem(refusal(['start', '--verbose']), known)).toBe('unknown option --verbose');
    expect(argsProblem(refusal(['-x']), known)).toBe('unknown option -x');
  });

  it('says which option lacks its value, or takes none', () => {
    expect(argsProblem(refusal(['agenda', '--community']), known)).toBe(
      'option --community needs a value (--community VALUE)',
    );
    expect(argsProblem(refusal(['--json=yes']), known)).toBe('option --json takes no value');
  });

  it('leaves other errors to their own handling', () => {
    expect(argsProblem(new Error('disk full'), known)).toBeUndefined();
    expect(argsProblem(undefined, known)).toBeUndefined();
  });
});

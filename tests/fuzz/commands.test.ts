import { describe, expect, it } from 'vitest';
import { reply } from '../../src/core/reply.ts';
import { literal, plain } from '../../src/core/text.ts';
import { replyProblems } from './checks.ts';
import { fuzzCommands } from './fuzzCommands.ts';

/** A sample in npm test; `npm run bench -- fuzz` runs 100,000 and more. */
describe('fuzzing every command’s options and every form’s values', () => {
  it(
    'never crashes, never pings everyone, here, a channel or a role, and sends no control character to a terminal',
    { timeout: 60_000 },
    async () => {
      const figures = await fuzzCommands(Number(process.env.FUZZ_RUNS ?? 400));
      expect(figures.crashes.slice(0, 3)).toEqual([]);
      expect(figures.unsafe.slice(0, 3)).toEqual([]);
      expect(figures.unhandledRejections).toBe(0);
      expect(figures.inputs).toBeGreaterThanOrEqual(Number(process.env.FUZZ_RUNS ?? 400));
    },
  );
});

describe('the fuzzing checks themselves', () => {
  it('catch a reply that would ping a Slack channel, and one that sends an escape sequence to a terminal', () => {
    const problems = replyProblems(reply([{ type: 'text', text: [literal('<!channel> \u001b[2J')] }]));
    expect(problems).toContain('console: control character "\\u001b"');
    expect(problems).toContain('slack: pings everyone');
  });
});

describe('a file’s text in a Slack message’s notification words', () => {
  it('cannot ping the channel from a heading (found by fuzzing the event parsers)', () => {
    const problems = replyProblems(
      reply([
        { type: 'heading', text: [plain('<!channel> Platform night')] },
        { type: 'text', text: [plain('Doors at 19:00')] },
      ]),
    );
    expect(problems).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { logProblems, type ConfigProblem } from '../../src/config/problems.ts';
import { createLogger } from '../../src/core/logger.ts';
import { runCli } from '../support/cli.ts';

const OFFSET: ConfigProblem = {
  file: 'config/events/sre-paris/2019-09-18-meetup-4.md',
  line: 3,
  field: 'date',
  severity: 'warning',
  message: '"2019-09-18T19:00:00-01:00" carries the offset -01:00',
  fix: 'write the time without an offset: date: 2019-09-18T19:00',
};

describe('configuration warnings at start-up', () => {
  it('at a terminal, are one readable line with the file, the line, the field and the fix', () => {
    const lines: string[] = [];
    logProblems(
      createLogger('warn', true, (line) => lines.push(line)),
      [OFFSET],
    );
    expect(lines).toEqual([
      'warning: config/events/sre-paris/2019-09-18-meetup-4.md:3, field `date` — "2019-09-18T19:00:00-01:00" carries the offset -01:00' +
        ' (fix: write the time without an offset: date: 2019-09-18T19:00)\n',
    ]);
  });

  it('at a terminal, other records stay one line with their context', () => {
    const lines: string[] = [];
    const logger = createLogger('info', true, (line) => lines.push(line));
    logger.error({ err: new Error('disk full'), communityId: 'sre-paris', line: 7 }, 'could not post');
    expect(lines).toEqual(['error: could not post (disk full) [communityId=sre-paris line=7]\n']);
  });

  it('piped, are pino JSON carrying the line, as the sample event’s offset warning shows', async () => {
    const result = await runCli(['start'], [], { STORE_URL: 'memory://' });
    const records = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 40,
        file: OFFSET.file,
        line: 3,
        field: 'date',
        fix: OFFSET.fix,
        msg: expect.stringContaining('carries the offset -01:00'),
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreMessages } from '../../src/core/messages.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { harness } from '../support/harness.ts';
import { diskFullStore } from './faultyStore.ts';

const NOW = '2026-12-01T10:00:00+01:00';

/**
 * A full disk (every write failing as SQLite fails then, at random moments): a member is told
 * either that the proposal is recorded or, in words, to try again. Never "recorded" for a
 * proposal that is then missing.
 */
describe('a disk that fills up while members propose talks', () => {
  it('acknowledges only the proposals it keeps, and says "try again" for the others', async () => {
    const seen = { acknowledged: 0, refused: 0 };
    // One bot for every run (loading the configuration is the slow part); each run its own fault pattern.
    let pattern: number[] = [];
    let write = 0;
    let diskFull = true;
    const h = await harness({
      now: NOW,
      store: diskFullStore(memoryStore(), () => diskFull && pattern[write++ % pattern.length] === 0),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 3, max: 6 }),
        async (faults, count) => {
          [pattern, write, diskFull, run] = [faults, 0, true, run + 1];
          const acknowledged: Array<[number, string]> = [];
          const member = (i: number) => ({ id: `m${run}.${i}`, displayName: 'm', locale: 'en' as const });
          for (let i = 0; i < count; i++) {
            const title = `Talk ${run}.${i}`;
            const answer = (await h.ask(`/propose title:"${title}" abstract:"What we learnt." duration:5`, member(i)))
              .words;
            if (answer.startsWith('Proposal #')) acknowledged.push([i, title]);
            else
              expect(answer).toBe(
                coreMessages
                  .t('en', 'storeUnavailable')
                  .map((part) => ('text' in part ? part.text : ''))
                  .join(''),
              );
          }
          diskFull = false;
          for (const [i, title] of acknowledged)
            expect((await h.ask('/propose mine', member(i))).words).toContain(`“${title}”`);
          seen.acknowledged += acknowledged.length;
          seen.refused += count - acknowledged.length;
        },
      ),
      { numRuns: 12 },
    );
    // Both answers were given: the property was tested on each side.
    expect(seen.acknowledged).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

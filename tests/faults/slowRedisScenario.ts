import { redisStore } from '../../src/store/redisStore.ts';
import { harness } from '../support/harness.ts';
import type { RedisServer } from '../support/redisServer.ts';
import { slowProxy } from './slowProxy.ts';

export interface SlowRedisFigures {
  /** Answers saying the proposal is recorded. */
  acknowledged: number;
  /** Answers asking to try again (locked for a moment, or store unavailable). */
  tryAgain: number;
  /** Any other answer: a failure to say clearly what happened. */
  unclear: string[];
  /** Acknowledged proposals missing when read back through a fast connection. */
  lost: number;
  /** Slowest answer, ms. */
  slowestMs: number;
}

const NOW = '2026-12-01T10:00:00+01:00';
const TRY_AGAIN = [/^These proposals are locked for a moment/, /^I can’t reach my data store right now/];

/**
 * Members propose talks at once through a proxy that holds each Redis reply `delayMs`; then
 * every acknowledged proposal is looked for through a direct connection. Used by the test
 * (a short delay) and by bench/faults.ts (2 s).
 */
export async function slowRedisProposals(
  server: RedisServer,
  delayMs: number,
  members: number,
): Promise<SlowRedisFigures> {
  const proxy = await slowProxy(server.port, delayMs);
  const slow = await redisStore(proxy.url);
  const direct = await redisStore(server.url);
  try {
    const h = await harness({ now: NOW, store: slow });
    const ids = Array.from({ length: members }, (_, i) => `m${i}`);
    const timed = await Promise.all(
      ids.map(async (id) => {
        const started = performance.now();
        const answer = (
          await h.ask(`/propose title:"Talk by ${id}" abstract:"A talk." duration:5`, {
            id,
            displayName: id,
            locale: 'en',
          })
        ).words;
        return { id, answer, ms: performance.now() - started };
      }),
    );
    const acknowledged = timed.filter(({ answer }) => answer.startsWith('Proposal #'));
    const tryAgain = timed.filter(({ answer }) => TRY_AGAIN.some((pattern) => pattern.test(answer)));
    const readBack = await harness({ now: NOW, store: direct });
    const list = (await readBack.ask('/proposals', { id: 'org', displayName: 'org', organiser: true, locale: 'en' }))
      .words;
    return {
      acknowledged: acknowledged.length,
      tryAgain: tryAgain.length,
      unclear: timed.filter((t) => !acknowledged.includes(t) && !tryAgain.includes(t)).map(({ answer }) => answer),
      lost: acknowledged.filter(({ id }) => !list.includes(`“Talk by ${id}”`)).length,
      slowestMs: Math.max(...timed.map(({ ms }) => ms)),
    };
  } finally {
    await slow.close();
    await direct.close();
    await proxy.close();
  }
}

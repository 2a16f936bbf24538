import type { Logger } from './logger.ts';
import type { Poster } from './poster.ts';
import type { Effect } from './reply.ts';

/**
 * Delivers effects one after the other, after the reply that asked for them. A failure is logged
 * and its fallback (e.g. "tell the organisers' channel") is tried once; nothing is thrown, since
 * the person who asked has their answer already, and it said what happens on failure.
 */
export async function runEffects(effects: readonly Effect[], poster: Poster, logger: Logger): Promise<void> {
  for (const effect of effects) await runOne(effect, poster, logger);
}

async function runOne(effect: Effect, poster: Poster, logger: Logger): Promise<boolean> {
  try {
    if (effect.kind === 'dm') await poster.dm(effect.target, effect.reply);
    else await poster.post(effect.target, effect.reply);
    return true;
  } catch (error) {
    logger.warn(
      { err: error, community: effect.target.communityId, effect: effect.kind },
      'an effect after a reply could not be delivered',
    );
    if (effect.onFailure) await runOne(effect.onFailure, poster, logger);
    return false;
  }
}

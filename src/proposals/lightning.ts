import { performance } from 'node:perf_hooks';
import type { LightningTalks } from '../agenda/agenda.ts';
import type { Slot } from '../agenda/event.ts';
import type { Proposal } from './model.ts';
import type { ProposalRepository } from './repository.ts';

/**
 * How long the accepted talks of an event, once read, answer every `/agenda` of it: members ask
 * in bursts (after each announcement), each ask was a store read. A change made by this process
 * is seen at once (the repository counts them); one made by another process on the same store
 * (Redis) within this time.
 */
export const ACCEPTED_FRESH_MS = 1_000;
/** Events whose accepted talks are kept at once; beyond, the oldest readings go. */
const KEPT_EVENTS = 256;

interface Kept {
  /** performance.now() of the reading: freshness is the process's own time, not the bot's (rehearsals move that). */
  at: number;
  changeCount: number;
  slots: Promise<Slot[]>;
}

/** The agenda's LightningTalks port: accepted proposals, in order of acceptance, as programme slots. */
export function lightningTalksFromProposals(
  repository: ProposalRepository,
  options: { freshMs?: number; now?: () => number } = {},
): LightningTalks {
  const { freshMs = ACCEPTED_FRESH_MS, now = () => performance.now() } = options;
  const kept = new Map<string, Kept>();
  return {
    accepted(communityId, eventId) {
      const key = `${communityId}\u0000${eventId}`;
      const known = kept.get(key);
      const at = now();
      if (known && known.changeCount === repository.changeCount && at - known.at < freshMs) return known.slots;
      // Unreadable records are logged by the repository; the programme shows the others.
      const slots = repository.accepted(communityId, eventId).then(({ proposals }) => proposals.map(toSlot));
      const entry: Kept = { at, changeCount: repository.changeCount, slots };
      kept.delete(key);
      if (kept.size >= KEPT_EVENTS) kept.delete(kept.keys().next().value as string);
      kept.set(key, entry);
      // A failed reading (the store away) is not kept: the next ask tries the store again.
      slots.catch(() => kept.get(key) === entry && kept.delete(key));
      return slots;
    },
  };
}

export function toSlot(proposal: Proposal): Slot {
  const { name, handle, bio } = proposal.speaker;
  return {
    kind: 'lightning',
    title: proposal.title,
    abstract: proposal.abstract,
    minutes: proposal.duration,
    speakers: [{ name, ...(handle ? { handle } : {}), ...(bio ? { bio } : {}) }],
  };
}

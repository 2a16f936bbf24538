import type { LightningTalks } from '../agenda/agenda.ts';
import type { Slot } from '../agenda/event.ts';
import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import type { Proposal } from './model.ts';
import { ProposalRepository } from './repository.ts';

/** The agenda's LightningTalks port: accepted proposals, in order of acceptance, as programme slots. */
export function lightningTalksFromProposals(store: Store, logger: Logger): LightningTalks {
  const repository = new ProposalRepository(store, logger);
  return {
    async accepted(communityId, eventId) {
      // Unreadable records are logged by the repository; the programme shows the others.
      const { proposals } = await repository.accepted(communityId, eventId);
      return proposals.map(toSlot);
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

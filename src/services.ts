import type { Agenda, LightningTalks } from './agenda/agenda.ts';
import type { CalendarSequences } from './agenda/icsFeed.ts';
import type { AnnouncementRepository } from './announcements/repository.ts';
import type { Logger } from './core/logger.ts';
import type { Poster } from './core/poster.ts';
import type { Feedback } from './feedback/service.ts';
import type { ProposalRepository } from './proposals/repository.ts';
import type { Store } from './store/store.ts';

/**
 * What commands may use, composed once at start-up (src/app.ts) and handed to the core. Commands
 * reach storage only through the repositories here; `store` is for the scheduler and the adapters.
 */
export interface Services {
  agenda(communityId: string): Agenda;
  lightning: LightningTalks;
  /** Lightning-talk proposals (src/proposals). */
  proposals: ProposalRepository;
  /** Each meetup's calendar SEQUENCE, shared by `/agenda … ics` and the calendar feed. */
  calendarSequences: CalendarSequences;
  store: Store;
  /** How the bot speaks on its own (notices to a speaker, reminders): the running platform's. */
  poster: Poster;
  logger: Logger;
  /** Post-event feedback (src/feedback). */
  feedback: Feedback;
  /** Scheduled announcements (src/announcements); the local scheduler hears its changes at once. */
  announcements: AnnouncementRepository;
}

import { commands } from '../commands/index.ts';
import { Agenda } from './agenda/agenda.ts';
import { LiveAgendas } from './agenda/live/agendas.ts';
import { organiserNotices } from './agenda/live/notify.ts';
import { AnnouncementRepository } from './announcements/repository.ts';
import { lightningTalksFromProposals } from './proposals/lightning.ts';
import { ProposalRepository } from './proposals/repository.ts';
import { isOrganiser, type Community } from './config/community.ts';
import { ConfigError, hasErrors, loadConfig, type LoadedConfig } from './config/load.ts';
import { logProblems } from './config/problems.ts';
import { Bot } from './core/bot.ts';
import type { Clock } from './core/clock.ts';
import type { Logger } from './core/logger.ts';
import type { Poster } from './core/poster.ts';
import { SECRET_ENV as FEEDBACK_SECRET_ENV } from './feedback/memberKey.ts';
import { createFeedback } from './feedback/service.ts';
import { CalendarSequences, communityCalendar } from './agenda/icsFeed.ts';
import { processOps, type Ops } from './ops/ops.ts';
import type { Services } from './services.ts';
import { storeFormStash } from './store/formStash.ts';
import { openStore } from './store/openStore.ts';
import type { Store } from './store/store.ts';

export interface AppOptions {
  configDir: string;
  clock: Clock;
  logger: Logger;
  /** The running platform's Poster; it may need the loaded communities, hence a factory. */
  poster: (communities: ReadonlyMap<string, Community>) => Poster;
  /** Defaults to `STORE_URL`, then SQLite in data/. */
  storeUrl?: string;
  /** An already open store (tests). */
  store?: Store;
  /** Metrics and readiness (default: this process's, served on PORT). */
  ops?: Ops;
}

export interface App {
  bot: Bot<Services, Community>;
  config: LoadedConfig;
  communities: ReadonlyMap<string, Community>;
  services: Services;
  ops: Ops;
  /** The agendas behind `services.agenda`; `start()` watches folders and polls sources (a running bot). */
  agendas: LiveAgendas;
  close(): Promise<void>;
}

/** Every feature's service on one store: what commands and the scheduler are handed. */
export function composeServices(parts: {
  agendas: { get(communityId: string): Agenda | undefined };
  store: Store;
  poster: Poster;
  logger: Logger;
}): Services {
  const { agendas, store, poster, logger } = parts;
  const proposals = new ProposalRepository(store, logger);
  return {
    agenda: (communityId) => agendas.get(communityId) ?? new Agenda([]),
    lightning: lightningTalksFromProposals(proposals),
    proposals,
    calendarSequences: new CalendarSequences(store),
    store,
    poster,
    logger,
    feedback: createFeedback({ store, logger, secret: process.env[FEEDBACK_SECRET_ENV] }),
    announcements: new AnnouncementRepository(store),
  };
}

/** Loads and validates the configuration, opens the store, then wires the features into one Bot. */
export async function createApp(options: AppOptions): Promise<App> {
  const config = await loadConfig(options.configDir, { now: options.clock.now() });
  if (hasErrors(config.problems)) throw new ConfigError(config.problems);
  logProblems(options.logger, config.problems);
  const communities = new Map(config.communities.map(({ community }) => [community.id, community]));
  const ops = options.ops ?? processOps();
  // Store failures counted, and the store probed by /readyz while the app is open.
  const observed = ops.store(options.store ?? (await openStore(options.storeUrl, options.logger)));
  const store = observed.store;
  const poster = options.poster(communities);
  const agendas = new LiveAgendas({
    communities: config.communities,
    store,
    tell: organiserNotices(store, poster, options.logger),
    logger: options.logger,
    fetched: (result) => ops.metrics.sourceFetch(result),
    clock: options.clock,
  });
  await agendas.load();
  const services = composeServices({ agendas, store, poster, logger: options.logger });
  const bot = new Bot({
    commands,
    communities,
    isOrganiser,
    services,
    clock: options.clock,
    logger: options.logger,
    poster: services.poster,
    formStash: storeFormStash(store),
    observer: ops.commands,
  });
  const forgetCalendars = ops.watchCalendars(
    new Map(
      [...communities].map(([id, community]) => [
        id,
        () => communityCalendar(services, community, options.clock.now()),
      ]),
    ),
  );
  const close = async () => {
    forgetCalendars();
    await agendas.stop();
    observed.forget();
    await store.close();
  };
  return { bot, config, communities, services, ops, agendas, close };
}

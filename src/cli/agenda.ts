import type { DateTime } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import { LiveAgendas } from '../agenda/live/agendas.ts';
import type { MeetupEvent, Slot } from '../agenda/event.ts';
import { CalendarSequences, eventCalendar } from '../agenda/icsFeed.ts';
import { eventToJson } from '../agenda/json.ts';
import { programme } from '../agenda/present.ts';
import { ConfigError, hasErrors, loadConfig, type LoadedCommunity } from '../config/load.ts';
import { isLocale, type Locale } from '../core/i18n.ts';
import { silentLogger } from '../core/logger.ts';
import { renderReply } from '../platforms/console/render.ts';
import { lightningTalksFromProposals } from '../proposals/lightning.ts';
import { ProposalRepository } from '../proposals/repository.ts';
import { openStore } from '../store/openStore.ts';
import type { Store } from '../store/store.ts';
import { clockFromEnv } from './clock.ts';
import { UsageError } from './usageError.ts';
import type { CliValues } from './main.ts';

/**
 * `emcee agenda [EVENT] [--json | --ics]`: one event's programme as text, as the JSON export, or as
 * an iCalendar file. Each shows the accepted lightning talks, read from the store (`STORE_URL`)
 * through the same port as `/agenda`.
 */
export async function agendaCommand(cli: CliValues, ref: string | undefined): Promise<number> {
  if (cli.json && cli.ics) throw new UsageError('--json and --ics are two exports: choose one');
  const config = await loadConfig(cli.config);
  if (hasErrors(config.problems)) throw new ConfigError(config.problems);
  const loaded = cli.community
    ? config.communities.find((c) => c.community.id === cli.community)
    : config.communities[0];
  if (!loaded) throw new UsageError(`no community "${cli.community}" in ${config.dir}/communities`);
  const { community } = loaded;
  const now = clockFromEnv(undefined, () => community.timezone).now();
  const out = await withStore(async (store) => {
    const agenda = await storedAgenda(loaded, store);
    const event = ref ? agenda.find(ref) : agenda.next(now);
    if (!event) throw new UsageError(ref ? `no event "${ref}" in ${community.eventsDir}` : 'no upcoming event');
    const lightning = lightningTalksFromProposals(new ProposalRepository(store, silentLogger));
    if (cli.ics) return eventCalendar(event, { community, lightning, sequences: new CalendarSequences(store), now });
    const accepted = await lightning.accepted(community.id, event.id);
    if (cli.json) return `${JSON.stringify(eventToJson(event, accepted), null, 2)}\n`;
    return `${printed(event, accepted, isLocale(cli.locale) ? cli.locale : community.locale, community.timezone, now)}\n`;
  });
  process.stdout.write(out);
  return 0;
}

function printed(event: MeetupEvent, lightning: Slot[], locale: Locale, zone: string, now: DateTime): string {
  return renderReply(programme(event, locale, now, lightning), { zone, locale, now });
}

/** The folder's events and the last good copies of the community's sources, as the bot has them (no fetch). */
async function storedAgenda(loaded: LoadedCommunity, store: Store): Promise<Agenda> {
  const live = new LiveAgendas({ communities: [loaded], store, tell: async () => {}, logger: silentLogger });
  await live.load();
  return live.get(loaded.community.id);
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

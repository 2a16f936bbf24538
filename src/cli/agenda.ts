import { Agenda } from '../agenda/agenda.ts';
import { eventToJson } from '../agenda/json.ts';
import { programme } from '../agenda/present.ts';
import { ConfigError, hasErrors, loadConfig } from '../config/load.ts';
import { renderReply } from '../platforms/console/render.ts';
import { clockFromEnv, UsageError } from './clock.ts';
import type { CliValues } from './main.ts';
import { isLocale } from '../core/i18n.ts';

/** `emcee agenda [EVENT] [--json]`: one event's programme as text, or as the JSON export format. */
export async function agendaCommand(cli: CliValues, ref: string | undefined): Promise<number> {
  const config = await loadConfig(cli.config);
  if (hasErrors(config.problems)) throw new ConfigError(config.problems);
  const loaded = cli.community ? config.communities.find((c) => c.community.id === cli.community) : config.communities[0];
  if (!loaded) throw new UsageError(`no community "${cli.community}" in ${config.dir}/communities`);
  const agenda = new Agenda(loaded.events);
  const now = clockFromEnv(undefined, () => loaded.community.timezone).now();
  const event = ref ? agenda.find(ref) : agenda.next(now);
  if (!event) throw new UsageError(ref ? `no event "${ref}" in ${loaded.community.eventsDir}` : 'no upcoming event');
  if (cli.json) {
    process.stdout.write(`${JSON.stringify(eventToJson(event), null, 2)}\n`);
    return 0;
  }
  const locale = isLocale(cli.locale) ? cli.locale : loaded.community.locale;
  process.stdout.write(`${renderReply(programme(event, locale, now), { zone: loaded.community.timezone, locale, now })}\n`);
  return 0;
}

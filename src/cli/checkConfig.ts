import { loadConfig } from '../config/load.ts';
import { formatProblem, type ConfigProblem } from '../config/problems.ts';
import type { CliValues } from './main.ts';

/**
 * `emcee check-config`: every community, every event with its slot count, every problem, and the
 * files left out (skipped, or unreadable while the rest is served). Exit 1 on any error, including
 * an event file the bot would start without: CI should catch it; a skipped file is only a warning.
 */
export async function checkConfig(cli: CliValues): Promise<number> {
  const config = await loadConfig(cli.config);
  const out: string[] = [];
  for (const { community, events } of config.communities) {
    out.push(
      `${community.id}: ${community.name} (${community.timezone}, ${community.locale}) — ${events.length} event(s)`,
    );
    for (const event of events) {
      const date = event.start.setZone(event.timezone).toFormat('yyyy-MM-dd HH:mm');
      out.push(
        `  ${date}  ${event.number !== undefined ? `#${event.number} ` : ''}${event.id}: ${event.slots.length} slot(s)`,
      );
    }
  }
  out.push(...config.problems.map(formatProblem));
  const errors = config.problems.filter((p) => p.severity === 'error').length;
  const warnings = config.problems.length - errors;
  const counts = `${errors} error(s), ${warnings} warning(s)${leftOutNote(config.problems)}`;
  out.push(errors ? `✗ ${counts}` : `✓ configuration is valid (${counts.replace(/^0 error\(s\), /, '')})`);
  process.stdout.write(`${out.join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}

/** `; 2 file(s) skipped, 1 left out (the bot serves the others)`: what an organiser will not see in /agenda. */
function leftOutNote(problems: readonly ConfigProblem[]): string {
  const files = (severity: ConfigProblem['severity']) =>
    new Set(problems.filter((p) => p.leftOut && p.severity === severity).map((p) => p.file)).size;
  const [skipped, broken] = [files('warning'), files('error')];
  const parts = [
    skipped ? `${skipped} file(s) skipped` : '',
    broken ? `${broken} left out because of an error (the bot serves the others)` : '',
  ].filter(Boolean);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

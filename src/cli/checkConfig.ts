import { hasErrors, loadConfig } from '../config/load.ts';
import { formatProblem } from '../config/problems.ts';
import type { CliValues } from './main.ts';

/** `emcee check-config`: every community, every event with its slot count, every problem; exit 1 on an error. */
export async function checkConfig(cli: CliValues): Promise<number> {
  const config = await loadConfig(cli.config);
  const out: string[] = [];
  for (const { community, events } of config.communities) {
    out.push(`${community.id}: ${community.name} (${community.timezone}, ${community.locale}) — ${events.length} event(s)`);
    for (const event of events) {
      const date = event.start.setZone(event.timezone).toFormat("yyyy-MM-dd HH:mm");
      out.push(`  ${date}  ${event.number !== undefined ? `#${event.number} ` : ''}${event.id}: ${event.slots.length} slot(s)`);
    }
  }
  out.push(...config.problems.map(formatProblem));
  const errors = config.problems.filter((p) => p.severity === 'error').length;
  const warnings = config.problems.length - errors;
  out.push(errors ? `✗ ${errors} error(s), ${warnings} warning(s)` : `✓ configuration is valid (${warnings} warning(s))`);
  process.stdout.write(`${out.join('\n')}\n`);
  return hasErrors(config.problems) ? 1 : 0;
}

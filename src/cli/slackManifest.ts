/**
 * `npm run --silent slack-manifest [-- --out FILE] [--url https://host/slack/events] [--locale fr]`:
 * the Slack app manifest from commands/, for "Create app from manifest". Socket Mode unless a
 * public request URL is given.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { isLocale } from '../core/i18n.ts';
import { slackManifest } from '../platforms/slack/manifest.ts';

export function manifestCli(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, url: { type: 'string' }, locale: { type: 'string' }, name: { type: 'string' } },
  });
  if (values.locale !== undefined && !isLocale(values.locale)) {
    process.stderr.write(`--locale takes "fr" or "en", not "${values.locale}"\n`);
    return 1;
  }
  const yaml = slackManifest(commands, { requestUrl: values.url, locale: values.locale, name: values.name });
  if (values.out) writeFileSync(values.out, yaml);
  else process.stdout.write(yaml);
  return 0;
}

// Run as a script (npm run slack-manifest), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = manifestCli(process.argv.slice(2));

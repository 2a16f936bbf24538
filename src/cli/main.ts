import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { formatProblem } from '../config/problems.ts';
import { StoreDamagedError, StoreUnreachableError, StoreUrlError } from '../store/storeErrors.ts';
import { agendaCommand } from './agenda.ts';
import { argsProblem } from './argsProblem.ts';
import { checkConfig } from './checkConfig.ts';
import { UsageError } from './usageError.ts';
import { start } from './start.ts';
import { STORE_USAGE, storeCommand } from './store.ts';

const USAGE = `emcee — a chat bot for meetup communities

Usage:
  emcee start [--as member|organiser] [--user NAME] [--locale fr|en] [--community ID] [--stay]
  emcee check-config
  emcee agenda [EVENT] [--json | --ics] [--community ID]
${STORE_USAGE}

Options:
  --config DIR   configuration folder (default: $EMCEE_CONFIG or ./config)
  --stay         keep running (posting reminders and announcements) after stdin ends, until SIGINT/SIGTERM
Environment:
  EMCEE_NOW      start the clock at this ISO instant (rehearsals)
  STORE_URL      sqlite://data/emcee.sqlite (default) or redis://host:port
  EMCEE_FEEDBACK_SECRET  key of the hash that keeps feedback anonymous (set it before the first answer)
  EMCEE_LOG_LEVEL        error, warn, info (default), debug
  DISCORD_TOKEN  run on Discord instead of the console (register the commands first: npm run deploy-commands)
  DISCORD_API_URL        another Discord REST base (a proxy)
`;

const OPTIONS = {
  config: { type: 'string' },
  as: { type: 'string' },
  user: { type: 'string' },
  locale: { type: 'string' },
  community: { type: 'string' },
  json: { type: 'boolean' },
  ics: { type: 'boolean' },
  stay: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CliValues = { config: string } & Partial<Record<'as' | 'user' | 'locale' | 'community', string>> & {
    json?: boolean;
    ics?: boolean;
    stay?: boolean;
  };

/** The `emcee` command line. Returns the exit code; expected failures print a message, never a stack. */
export async function main(argv: string[]): Promise<number> {
  try {
    // The store commands have options of their own (--from, --to).
    if (argv[0] === 'store') return await storeCommand(argv.slice(1));
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    const [verb = 'start', ...rest] = positionals;
    if (values.help) return print(USAGE, 0);
    const cli: CliValues = { ...values, config: values.config ?? process.env.EMCEE_CONFIG ?? 'config' };
    if (verb === 'start') return await start(cli);
    if (verb === 'check-config') return await checkConfig(cli);
    if (verb === 'agenda') return await agendaCommand(cli, rest[0]);
    return print(`unknown command "${verb}"\n\n${USAGE}`, 1);
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof ConfigError) return print(error.problems.map(formatProblem).join('\n'), 1);
  if (error instanceof StoreUrlError || error instanceof StoreUnreachableError || error instanceof StoreDamagedError) {
    return print(error.message, 1);
  }
  const problem = error instanceof UsageError ? error.message : argsProblem(error, Object.keys(OPTIONS));
  if (problem !== undefined) return print(`${problem}\n\n${USAGE}`, 1);
  throw error;
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}

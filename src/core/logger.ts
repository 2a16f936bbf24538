import { pino, type Logger } from 'pino';

export type { Logger };

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

/**
 * Structured logs on stderr, so that stdout stays the conversation (the console is scriptable).
 * A person at a terminal reads one plain line a record; anything else gets pino's JSON lines.
 * `EMCEE_LOG_LEVEL` (or `LOG_LEVEL`, the usual name in containers) overrides the level. `write` receives the readable lines (tests).
 */
export function createLogger(
  defaultLevel = 'info',
  readable = Boolean(process.stderr.isTTY),
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const level = process.env.EMCEE_LOG_LEVEL ?? process.env.LOG_LEVEL ?? defaultLevel;
  if (!readable) return pino({ level, base: undefined }, pino.destination(2));
  return pino(
    { level, base: undefined },
    { write: (json: string) => write(readableLine(JSON.parse(json) as Record<string, unknown>)) },
  );
}

/**
 * One pino record as a person reads it: `warning: config/events/x.md:3, field `date` — … (fix: …)`
 * for a record about a file (a configuration problem), `error: … (cause) [key=value]` otherwise.
 */
export function readableLine(record: Record<string, unknown>): string {
  const { level, msg, time: _time, err, file, line, field, fix, ...context } = record;
  const aboutFile = typeof file === 'string';
  const where = aboutFile
    ? `${file}${line ? `:${String(line)}` : ''}${field ? `, field \`${String(field)}\`` : ''} — `
    : '';
  if (!aboutFile) Object.assign(context, field === undefined ? {} : { field }, line === undefined ? {} : { line });
  const error = err && typeof err === 'object' && 'message' in err ? ` (${String(err.message)})` : '';
  const extra = Object.entries(context)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  const advice = fix ? ` (fix: ${String(fix)})` : '';
  return `${LEVELS[level as number] ?? String(level)}: ${where}${String(msg)}${error}${advice}${extra ? ` [${extra}]` : ''}\n`;
}

export const silentLogger: Logger = pino({ level: 'silent' });

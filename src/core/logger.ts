import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * Structured logs on stderr, so that stdout stays the conversation (the console is scriptable).
 * A person at a terminal reads one plain line a record; anything else gets pino's JSON lines.
 * `EMCEE_LOG_LEVEL` overrides the level.
 */
export function createLogger(defaultLevel = 'info', readable = Boolean(process.stderr.isTTY)): Logger {
  const level = process.env.EMCEE_LOG_LEVEL ?? defaultLevel;
  return pino({ level, base: undefined }, readable ? plainLines() : pino.destination(2));
}

function plainLines(): DestinationStream {
  return {
    write(line: string) {
      const { level, msg, time: _time, err, ...context } = JSON.parse(line) as Record<string, unknown>;
      const where = Object.entries(context).map(([key, value]) => `${key}=${String(value)}`).join(' ');
      const error = err && typeof err === 'object' && 'message' in err ? ` (${String(err.message)})` : '';
      process.stderr.write(`emcee ${LEVELS[level as number] ?? level}: ${String(msg)}${error}${where ? ` [${where}]` : ''}\n`);
    },
  };
}

export const silentLogger: Logger = pino({ level: 'silent' });

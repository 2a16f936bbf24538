import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs on stderr, so that stdout stays the conversation (the console is scriptable).
 * `EMCEE_LOG_LEVEL` overrides the level.
 */
export function createLogger(defaultLevel = 'info'): Logger {
  return pino({ level: process.env.EMCEE_LOG_LEVEL ?? defaultLevel, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });

import { pino, type Logger } from 'pino';

export const WARN = 40;
export const INFO = 30;

interface LogRecord {
  level: number;
  msg: string;
}

/** A logger that keeps its records, to count what an outage logged and to await a record. */
export function recordingLogger() {
  const records: LogRecord[] = [];
  const waiters: Array<{ matches: (record: LogRecord) => boolean; resolve: () => void }> = [];
  const logger: Logger = pino(
    { level: 'debug', base: undefined },
    {
      write(line: string) {
        const record = JSON.parse(line) as LogRecord;
        records.push(record);
        for (const waiter of waiters.filter((w) => w.matches(record))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    },
  );
  const matching = (level: number, text: string) => (record: LogRecord) =>
    record.level === level && record.msg.includes(text);
  return {
    logger,
    records,
    count: (level: number, text: string) => records.filter(matching(level, text)).length,
    /** Resolves at the next record of this level containing `text` (or at once if one came already). */
    next(level: number, text: string): Promise<void> {
      if (records.some(matching(level, text))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ matches: matching(level, text), resolve }));
    },
  };
}

import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A logger whose entries a test can read. */
export function capturingLogger(): { logger: Logger; entries: Array<Record<string, unknown>> } {
  const entries: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) entries.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug', base: undefined }, stream), entries };
}

/** Pino writes through a stream: let it deliver before reading `entries`. */
export const flushed = () => new Promise((resolve) => setImmediate(resolve));

/** A member key as MemberKeys gives them: 64 hex digits. */
export function memberKey(n: number): string {
  return n.toString(16).padStart(64, 'a');
}

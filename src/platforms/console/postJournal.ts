import { closeSync, fdatasyncSync, openSync, readFileSync, writeSync } from 'node:fs';

/**
 * The idempotency keys of the posts the console has written to its channel output, in a file
 * that outlives the process: one JSON string per line, appended as each post is written.
 *
 * A post is written first, its key right after, both synchronously in the same turn of the event
 * loop (stdout to a file or a pipe is a synchronous write on Linux), so a kill -9 can fall only
 * between two adjacent system calls: a post is never lost, and its repeat after a restart is
 * refused. A key is flushed to disk (fdatasync) so that it survives a machine crash as the store's
 * settled claims do. A line torn by a crash (no newline) is ignored on reading.
 */
export class PostJournal {
  private readonly keys: Set<string>;
  private needsNewline: boolean;

  constructor(private readonly file: string) {
    const text = readIfAny(file);
    const lines = text.split('\n');
    // The last piece is "" after a whole line, or a line torn by a crash: not a key either way.
    this.keys = new Set(lines.slice(0, -1).flatMap(keyOf));
    this.needsNewline = text.length > 0 && !text.endsWith('\n');
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Records that the post keyed `key` was written; durable when this returns. */
  add(key: string): void {
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${this.needsNewline ? '\n' : ''}${JSON.stringify(key)}\n`);
      fdatasyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.needsNewline = false;
    this.keys.add(key);
  }
}

function readIfAny(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

function keyOf(line: string): string[] {
  try {
    const key: unknown = JSON.parse(line);
    return typeof key === 'string' ? [key] : [];
  } catch {
    return [];
  }
}

import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Reads one line at a time from a terminal (with a prompt) or from a pipe (one command per line),
 * so that a form can take its answers from the lines that follow the command.
 */
export class LineReader {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;

  constructor(
    input: Readable,
    private readonly output: Writable,
    readonly interactive: boolean,
  ) {
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  async next(prompt = '> '): Promise<string | undefined> {
    if (this.interactive) this.output.write(prompt);
    const { value, done } = await this.lines.next();
    return done ? undefined : value;
  }

  close(): void {
    this.rl.close();
  }
}

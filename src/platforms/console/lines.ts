import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Words that end a form without saving, in either language. */
const CANCEL_WORDS = new Set(['cancel', 'annuler']);

/**
 * Reads one line at a time from a terminal (with a prompt) or from a pipe (one command per line),
 * so that a form can take its answers from the lines that follow the command.
 *
 * While a form is being answered (`answering`), a line never becomes an answer by mistake: `cancel`
 * (or `annuler`) ends the form, a line starting with `/` ends it and is read next as a command, and
 * Ctrl-C at a terminal ends the form instead of the console. `next()` gives undefined for all three,
 * as it does at the end of input.
 */
export class LineReader {
  private readonly rl: Interface;
  private readonly lines: AsyncIterator<string>;
  /** A read the form stopped waiting for (Ctrl-C): the line it brings is the next one read. */
  private pending: Promise<IteratorResult<string>> | undefined;
  /** A command typed inside a form, read next as a command. */
  private heldBack: string | undefined;
  /** Set while a form is answered: Ctrl-C cancels it. */
  private form: { interrupted: boolean; wake?: () => void } | undefined;

  constructor(
    input: Readable,
    private readonly output: Writable,
    readonly interactive: boolean,
  ) {
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
    this.lines = this.rl[Symbol.asyncIterator]();
    // readline emits 'SIGINT' for Ctrl-C at a terminal; with no listener it would close, which is
    // what Ctrl-C still does outside a form.
    this.rl.on('SIGINT', () => (this.form ? this.interrupt(this.form) : this.rl.close()));
  }

  /** Runs `fill` (a form's questions) with the form rules above. */
  async answering<T>(fill: () => Promise<T>): Promise<T> {
    this.form = { interrupted: false };
    try {
      return await fill();
    } finally {
      this.form = undefined;
    }
  }

  async next(prompt = '> '): Promise<string | undefined> {
    if (!this.form) return this.takeHeldBack() ?? (await this.read(prompt));
    const line = await this.readAnswer(this.form, prompt);
    if (line === undefined || CANCEL_WORDS.has(line.trim().toLowerCase())) return undefined;
    if (line.trim().startsWith('/')) {
      this.heldBack = line;
      return undefined;
    }
    return line;
  }

  close(): void {
    this.rl.close();
  }

  private takeHeldBack(): string | undefined {
    const line = this.heldBack;
    this.heldBack = undefined;
    return line;
  }

  private async read(prompt: string): Promise<string | undefined> {
    this.prompt(prompt);
    const { value, done } = await this.take();
    this.pending = undefined;
    return done ? undefined : value;
  }

  /** Waits for a line, or for Ctrl-C, whichever comes first; the line, if it comes later, is kept. */
  private async readAnswer(
    form: { interrupted: boolean; wake?: () => void },
    prompt: string,
  ): Promise<string | undefined> {
    if (form.interrupted) return undefined;
    this.prompt(prompt);
    const interrupted = new Promise<'interrupted'>((resolve) => (form.wake = () => resolve('interrupted')));
    const result = await Promise.race([this.take(), interrupted]);
    form.wake = undefined;
    if (result === 'interrupted') return undefined;
    this.pending = undefined;
    return result.done ? undefined : result.value;
  }

  private take(): Promise<IteratorResult<string>> {
    this.pending ??= this.lines.next();
    return this.pending;
  }

  private interrupt(form: { interrupted: boolean; wake?: () => void }): void {
    form.interrupted = true;
    // What was typed before Ctrl-C is dropped, not prefixed to the next line.
    this.rl.write(null, { ctrl: true, name: 'e' });
    this.rl.write(null, { ctrl: true, name: 'u' });
    this.output.write('\n');
    form.wake?.();
  }

  private prompt(text: string): void {
    if (this.interactive) this.output.write(text);
  }
}

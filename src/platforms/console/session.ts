import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../core/bot.ts';
import type { Outcome } from '../../core/command.ts';
import type { Form } from '../../core/form.ts';
import type { Origin } from '../../core/invocation.ts';
import type { Community } from '../../config/community.ts';
import type { Attachment, Button } from '../../core/reply.ts';
import { LineReader } from './lines.ts';
import { consoleMessages as m } from './messages.ts';
import { answersOnLine, oneLineRefusal } from './oneLine.ts';
import { promptForm } from './promptForm.ts';
import { buttonsOf, renderReply, renderText, type ConsoleView } from './render.ts';

export interface ConsoleSessionOptions {
  bot: Bot<unknown>;
  community: Community;
  origin: Origin;
  input: Readable;
  output: Writable;
  /** A terminal gets prompts; a pipe is read one command per line and the session ends with it. */
  interactive: boolean;
  /** Folder where attachments (CSV exports, .ics) are written. */
  exportDir: string;
}

/** Most a form is sent back for corrections before the console gives up on it. */
const MAX_FORM_ROUNDS = 5;

/** The local console platform: a person types slash commands, the bot answers in text. */
export class ConsoleSession {
  private readonly lines: LineReader;
  /** The buttons of the last reply and the command that gave them: typing a number presses one. */
  private pressable: { command: string; buttons: Button[] } | undefined;

  constructor(private readonly options: ConsoleSessionOptions) {
    this.lines = new LineReader(options.input, options.output, options.interactive);
  }

  async run(): Promise<void> {
    const { community, origin, interactive } = this.options;
    const locale = this.locale();
    if (interactive) {
      const role = m.s(locale, origin.member.organiser ? 'organiser' : 'member');
      this.write(m.s(locale, 'welcome', { community: community.name, user: origin.member.displayName, role }));
    }
    for (let line = await this.lines.next(); line !== undefined; line = await this.lines.next()) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (trimmed === 'exit' || trimmed === 'quit') break;
      await this.command(trimmed);
    }
    this.lines.close();
  }

  private async command(line: string): Promise<void> {
    if (/^\d+$/.test(line)) return this.press(Number(line));
    if (!line.startsWith('/')) return this.write(m.s(this.locale(), 'notACommand'));
    const [, typedName = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(line) ?? [];
    const name = typedName.toLowerCase();
    const outcome = await this.options.bot.handle({
      ...this.options.origin,
      command: name,
      input: { kind: 'text', text: rest },
    });
    if (outcome.kind === 'form' && !this.options.interactive) {
      const command = this.options.bot.commands.find((candidate) => candidate.name === name);
      const typed = answersOnLine(command, rest, outcome);
      if (command && typed) return this.refuse(outcome, oneLineRefusal(outcome, command, rest, typed, this.locale()));
    }
    await this.show(outcome, name);
  }

  /** A number alone presses that button of the last reply: it opens its form, or goes to the command's `act`. */
  private async press(number: number): Promise<void> {
    const button = this.pressable?.buttons[number - 1];
    if (!this.pressable || !button) return this.write(m.s(this.locale(), 'noSuchButton', { number }));
    const { command } = this.pressable;
    const outcome =
      button.opens ??
      (await this.options.bot.act(this.options.origin, command, { action: button.action, value: button.value }));
    await this.show(outcome, command);
  }

  private async show(outcome: Outcome, command: string, round = 0): Promise<void> {
    if (outcome.kind === 'reply') {
      // A shared answer goes to everyone in the channel on a chat platform: the console says so.
      if (outcome.visibility === 'channel') this.write(m.s(this.locale(), 'sharedInChannel'));
      this.write(renderReply(outcome, this.view()));
      const buttons = buttonsOf(outcome);
      this.pressable = buttons.length > 0 ? { command, buttons } : undefined;
      // Slow work the command asked for (a DM, a post) comes after the answer, as on every platform.
      return this.options.bot.runEffects(outcome);
    }
    this.writeErrors(outcome);
    if (round >= MAX_FORM_ROUNDS) return this.write(m.s(this.locale(), 'cancelled'));
    if (this.options.interactive && round === 0) this.write(m.s(this.locale(), 'formHelp'));
    const values = await this.lines.answering(() =>
      promptForm(outcome, this.lines, this.locale(), (text) => this.write(text)),
    );
    if (!values) return this.write(m.s(this.locale(), 'cancelled'));
    const next = await this.options.bot.submit(this.options.origin, submission(outcome, values));
    await this.show(next, command, round + 1);
  }

  /** A one-liner that came back as a form, in a pipe: its problems and how to type it whole. */
  private refuse(form: Form, lines: string[]): void {
    this.writeErrors(form);
    for (const line of lines) this.write(line);
  }

  private writeErrors(form: Form): void {
    for (const error of Object.values(form.errors)) this.write(`⚠ ${renderText(error, this.view())}`);
  }

  private view(): ConsoleView {
    return {
      zone: this.options.community.timezone,
      locale: this.locale(),
      now: this.options.bot.clock.now(),
      saveAttachment: (attachment) => saveAttachment(this.options.exportDir, attachment),
    };
  }

  private locale() {
    return this.options.origin.member.locale ?? this.options.community.locale;
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }
}

function submission(form: Form, values: Record<string, string>) {
  return { formId: form.id, values, state: form.state };
}

function saveAttachment(dir: string, attachment: Attachment): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, path.basename(attachment.filename));
  writeFileSync(file, attachment.content);
  return file;
}

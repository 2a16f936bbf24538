import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Bot } from '../../core/bot.ts';
import type { Outcome } from '../../core/command.ts';
import type { Form } from '../../core/form.ts';
import type { Origin } from '../../core/invocation.ts';
import type { Community } from '../../config/community.ts';
import type { Attachment } from '../../core/reply.ts';
import { LineReader } from './lines.ts';
import { consoleMessages as m } from './messages.ts';
import { answersOnLine, oneLineRefusal } from './oneLine.ts';
import { promptForm } from './promptForm.ts';
import { renderReply, renderText, type ConsoleView } from './render.ts';

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
    if (!line.startsWith('/')) return this.write(m.s(this.locale(), 'notACommand'));
    const [, typedName = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(line) ?? [];
    const name = typedName.toLowerCase();
    const outcome = await this.options.bot.handle({ ...this.options.origin, command: name, input: { kind: 'text', text: rest } });
    if (outcome.kind === 'form' && !this.options.interactive) {
      const command = this.options.bot.commands.find((candidate) => candidate.name === name);
      const typed = answersOnLine(command, rest, outcome);
      if (command && typed) return this.refuse(outcome, oneLineRefusal(outcome, command, rest, typed, this.locale()));
    }
    await this.show(outcome);
  }

  private async show(outcome: Outcome, round = 0): Promise<void> {
    if (outcome.kind === 'reply') return this.write(renderReply(outcome, this.view()));
    this.writeErrors(outcome);
    if (round >= MAX_FORM_ROUNDS) return this.write(m.s(this.locale(), 'cancelled'));
    if (this.options.interactive && round === 0) this.write(m.s(this.locale(), 'formHelp'));
    const values = await this.lines.answering(() => promptForm(outcome, this.lines, this.locale(), (text) => this.write(text)));
    if (!values) return this.write(m.s(this.locale(), 'cancelled'));
    const next = await this.options.bot.submit(this.options.origin, submission(outcome, values));
    await this.show(next, round + 1);
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

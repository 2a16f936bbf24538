import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/i18n.ts';
import { ConsoleSession } from '../../src/platforms/console/session.ts';
import { harness } from '../support/harness.ts';

const NOW = '2026-11-23T12:00:00+01:00';
// eslint-disable-next-line no-control-regex
const TERMINAL_CODES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** What the console printed, with a way to wait for the next text matching a pattern. */
class Screen extends Writable {
  private text = '';
  /** Where the last awaited text ended: each wait looks only at what came after. */
  private seen = 0;
  private waiters: Array<() => void> = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString().replace(TERMINAL_CODES, '');
    for (const wake of this.waiters.splice(0)) wake();
    done();
  }

  /** Resolves on the first match after the previous one; fails with the screen if none comes in time. */
  async until(pattern: RegExp, withinMs = 5_000): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), withinMs)));
    try {
      for (;;) {
        const match = pattern.exec(this.text.slice(this.seen));
        if (match) {
          const start = this.seen;
          this.seen += match.index + match[0].length;
          return this.text.slice(start, this.seen);
        }
        const changed = new Promise<'changed'>((resolve) => this.waiters.push(() => resolve('changed')));
        if ((await Promise.race([changed, expired])) === 'expired')
          throw new Error(`no ${pattern} on the screen after:\n${this.text.slice(this.seen)}`);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  get all(): string {
    return this.text;
  }
}

/** A console session at a terminal (interactive), typed into through a stream the test controls. */
async function terminal(options: { locale?: Locale; interactive?: boolean } = {}) {
  const bot = await harness({ now: NOW });
  const community = [...bot.app.communities.values()][0]!;
  const input = new PassThrough();
  const screen = new Screen();
  const session = new ConsoleSession({
    bot: bot.app.bot,
    community,
    origin: {
      communityId: community.id,
      platform: 'console',
      channelId: 'console',
      member: { id: 'alice', displayName: 'alice', roles: [], locale: options.locale },
    },
    input,
    output: screen,
    interactive: options.interactive ?? true,
    exportDir: '/nonexistent',
  });
  const ended = session.run();
  return { bot, input, screen, ended, type: (line: string) => input.write(`${line}\n`) };
}

describe('a form at the console terminal', () => {
  it('ends on `cancel`, saves nothing, and the next line is a command again', async () => {
    const { bot, screen, type, input, ended } = await terminal({ locale: 'en' });
    type('/propose title:"Chaos à la carte"');
    expect(await screen.until(/Abstract[^\n]*: $/)).toContain('cancel or Ctrl-C leaves the form');
    type('cancel');
    await screen.until(/Form cancelled: nothing was saved\./);
    type('/agenda 4');
    await screen.until(/== #4 Site Reliability Engineering - Meetup de la rentrée ==/);
    input.end();
    await ended;
    expect((await bot.ask('/propose mine', { locale: 'en' })).words).toContain('You have no proposals yet.');
  });

  it('ends on `annuler` in French', async () => {
    const { screen, type, input, ended } = await terminal();
    type('/propose');
    await screen.until(/Titre[^\n]*: $/);
    type('annuler');
    await screen.until(/Formulaire annulé/);
    input.end();
    await ended;
  });

  it('ends when a line starts with a slash, and runs that line as a command', async () => {
    const { screen, type, input, ended } = await terminal({ locale: 'en' });
    type('/propose');
    await screen.until(/Title[^\n]*: $/);
    type('/agenda 4');
    await screen.until(
      /Form cancelled: nothing was saved\.\n(> )?== #4 Site Reliability Engineering - Meetup de la rentrée ==/,
    );
    input.end();
    await ended;
  });

  it('is cancelled by Ctrl-C, which ends the console only when pressed outside a form', async () => {
    const { bot, screen, type, input, ended } = await terminal({ locale: 'en' });
    type('/propose');
    await screen.until(/Title[^\n]*: $/);
    input.write('Half a ti');
    input.write('\u0003');
    await screen.until(/Form cancelled: nothing was saved\./);
    // What was typed before Ctrl-C is not glued to the next command.
    type('/agenda 4');
    await screen.until(/== #4 Site Reliability Engineering - Meetup de la rentrée ==/);
    input.write('\u0003');
    await ended;
    expect(screen.all).not.toContain('There is no command');
    expect((await bot.ask('/propose mine', { locale: 'en' })).words).toContain('You have no proposals yet.');
  });

  it('still takes answers, and saves what they make', async () => {
    const { screen, type, input, ended } = await terminal({ locale: 'en' });
    type('/propose title:"Chaos à la carte"');
    await screen.until(/Abstract[^\n]*: $/);
    type('Breaking things on purpose.');
    await screen.until(/Duration[^\n]*: $/);
    type('5');
    await screen.until(/About you[^\n]*: $/);
    type('');
    await screen.until(/Social handle[^\n]*: $/);
    type('');
    await screen.until(/Proposal #1 received/);
    input.end();
    await ended;
  });
});

describe('a one-liner in a pipe', () => {
  it('that comes back as a form is refused with what is missing and how to type it, and the next line runs', async () => {
    const { screen, type, input, ended } = await terminal({ locale: 'en', interactive: false });
    type('/propose title:x duration:7');
    type('/agenda 4');
    input.end();
    await ended;
    expect(screen.all).toContain(
      [
        '⚠ Duration (minutes) must be one of: 5, 10.',
        'Nothing was saved: without a terminal, /propose must be complete on its line (the next line is the next command).',
        'Missing: abstract (Abstract).',
        'Type it on one line, e.g. /propose title:x abstract:"…" duration:5',
        '== #4 Site Reliability Engineering - Meetup de la rentrée ==',
      ].join('\n'),
    );
    expect(screen.all).not.toContain('Form cancelled');
  });

  it('that was complete but refused a value says what to correct, not that something is missing', async () => {
    const { screen, type, input, ended } = await terminal({ locale: 'en', interactive: false });
    type('/propose title:a abstract:b duration:7');
    input.end();
    await ended;
    expect(screen.all).toContain(
      [
        '⚠ Duration (minutes) must be one of: 5, 10.',
        'Nothing was saved: correct what was refused above and send /propose again.',
        'Type it on one line, e.g. /propose title:a abstract:b duration:5',
      ].join('\n'),
    );
    expect(screen.all).not.toContain('must be complete on its line');
  });
});

import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isOrganiser } from '../../../src/config/community.ts';
import { Bot } from '../../../src/core/bot.ts';
import type { CommandDefinition } from '../../../src/core/command.ts';
import type { Form } from '../../../src/core/form.ts';
import { formAsReply } from '../../../src/core/formReply.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { say } from '../../../src/core/reply.ts';
import { literal, plain } from '../../../src/core/text.ts';
import { ConsoleSession } from '../../../src/platforms/console/session.ts';
import { harness, recordingPoster } from '../../support/harness.ts';

const d = (text: string) => ({ en: text, fr: text });
const form: Form = {
  kind: 'form',
  id: 'note:note',
  title: 'A note',
  fields: [{ id: 'note', kind: 'short', label: 'Note', required: true, maxLength: 20 }],
  values: { note: 'x' },
  errors: { note: [literal('Too short.')] },
  state: {},
};

/** A command answering as a platform must after a modal submit: the form behind a button. */
const note: CommandDefinition<unknown> = {
  name: 'note',
  description: d('Notes'),
  options: [],
  responds: 'ephemeral',
  run: () => ({
    ...formAsReply(form, 'en'),
    effects: [
      {
        kind: 'post',
        target: { communityId: 'sre-paris', platform: 'console', channel: 'orga' },
        reply: say([literal('posted')]),
      },
    ],
  }),
  submit: (_ctx, submission) => say([literal('saved '), plain(submission.values.note ?? '')]),
};

describe('console buttons', () => {
  it('opens the form a button stands for when its number is typed alone, and runs effects after the answer', async () => {
    const h = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const poster = recordingPoster();
    const bot = new Bot({
      commands: [note],
      communities: h.app.communities,
      isOrganiser,
      services: {},
      clock: h.clock,
      logger: silentLogger,
      poster,
    });
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const session = new ConsoleSession({
      bot,
      community: h.app.communities.get('sre-paris')!,
      origin: {
        communityId: 'sre-paris',
        platform: 'console',
        channelId: 'console',
        member: { id: 'a', displayName: 'a', roles: [], locale: 'en' },
      },
      input: Readable.from(['/note\n', '1\n', 'a longer note\n']),
      output,
      interactive: false,
      exportDir: '/tmp',
    });
    await session.run();
    expect(printed).toContain('A note: some answers need another look.\n  • Too short.\n[1] Open the form again\n');
    expect(poster.sent.map((sent) => sent.kind)).toEqual(['post']);
    expect(printed).toContain('⚠ Too short.');
    expect(printed).toContain('saved a longer note');
  });
});

import { describe, expect, it } from 'vitest';
import { isOrganiser } from '../../src/config/community.ts';
import { Bot } from '../../src/core/bot.ts';
import type { CommandDefinition } from '../../src/core/command.ts';
import type { Form } from '../../src/core/form.ts';
import { fitForm, formAsReply } from '../../src/core/formReply.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { say, type Reply } from '../../src/core/reply.ts';
import { literal } from '../../src/core/text.ts';
import { UserError } from '../../src/core/userError.ts';
import { storeFormStash } from '../../src/store/formStash.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { harness, recordingPoster } from '../support/harness.ts';

const NOW = '2026-11-23T12:00:00+01:00';
const d = (text: string) => ({ en: text, fr: text });

const form: Form = {
  kind: 'form',
  id: 'talk:note',
  title: 'A note',
  fields: [{ id: 'note', kind: 'short', label: 'Note', required: true, maxLength: 10 }],
  values: { note: 'far too long for ten' },
  errors: { note: [literal('Too long.')] },
  state: { id: '3' },
};

/** A command with subcommands that answer in every way a platform must know about beforehand. */
const talk: CommandDefinition<unknown> = {
  name: 'talk',
  description: d('Talks'),
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: d('Show one'),
      options: [{ name: 'id', type: 'integer', positional: true, description: d('Its number') }],
      responds: 'channel',
      run: (_ctx, o) => say([literal(`show ${o.id ?? 'all'}`)], 'channel'),
    },
    {
      name: 'note',
      description: d('Write a note'),
      options: [{ name: 'id', type: 'integer', positional: true, required: true, description: d('Its number') }],
      responds: (o) => (o.id === 1 ? 'ephemeral' : 'form'),
      run: () => form,
    },
    {
      name: 'purge',
      description: d('Purge'),
      organiserOnly: true,
      options: [],
      responds: 'ephemeral',
      run: () => say([literal('purged')]),
    },
  ],
};

async function bot() {
  const h = await harness({ now: NOW });
  const poster = recordingPoster();
  const store = memoryStore();
  const b = new Bot({
    commands: [talk],
    communities: h.app.communities,
    isOrganiser,
    services: {},
    clock: h.clock,
    logger: silentLogger,
    poster,
    formStash: storeFormStash(store),
  });
  const invocation = (text: string, extra: Partial<Invocation> = {}): Invocation => ({
    communityId: [...h.app.communities.keys()][0]!,
    platform: 'console',
    channelId: 'c',
    member: { id: 'm', displayName: 'm', roles: [], locale: 'en' },
    command: 'talk',
    input: { kind: 'text', text },
    ...extra,
  });
  return { b, poster, invocation, words: (reply: Reply) => h.words(reply) };
}

describe('subcommands', () => {
  it('are read from the first word, else the default one, or given typed; the plan is known before running', async () => {
    const { b, invocation, words } = await bot();
    expect(words((await b.handle(invocation('show 4'))) as Reply)).toBe('show 4');
    expect(words((await b.handle(invocation('4'))) as Reply)).toBe('show 4');
    expect(
      words(
        (await b.handle(invocation('', { subcommand: 'show', input: { kind: 'typed', options: { id: 2 } } }))) as Reply,
      ),
    ).toBe('show 2');
    expect([
      b.plan(invocation('')),
      b.plan(invocation('note 1')),
      b.plan(invocation('note 2')),
      b.plan(invocation('purge')),
    ]).toEqual(['channel', 'ephemeral', 'form', 'ephemeral']);
    expect(words((await b.handle(invocation('frobnicate 2'))) as Reply)).toBe(
      'I don’t know the action “frobnicate”. /talk takes: show, note, purge.\nYou typed: /talk frobnicate 2',
    );
    expect(words((await b.handle(invocation('note'))) as Reply)).toBe(
      '/talk note needs id: a whole number. For example: /talk note 1\nYou typed: /talk note',
    );
    expect(words((await b.handle(invocation('purge'))) as Reply)).toMatch(/^\/talk purge is for the organisers of /);
  });

  it('turn a form that cannot be shown into a reply whose button opens it again, kept in the stash', async () => {
    const { b, invocation, words } = await bot();
    expect((await b.handle(invocation('note 2'))).kind).toBe('form');
    const answer = (await b.handle(invocation('note 2'), { formAllowed: false })) as Reply;
    expect(words(answer)).toBe(
      'A note: some answers need another look.\n- Too long. Note was cut to its first 10 characters so that the form can hold it.\n[Open the form again]',
    );
    const opens = answer.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))[0]!.opens!;
    expect(opens.values).toEqual({ note: 'far too lo' });
    const key = await b.stashForm(opens);
    expect(key.length).toBeLessThanOrEqual(20);
    expect(await b.openForm(invocation(''), key)).toEqual(opens);
    expect(words((await b.openForm(invocation(''), 'nope')) as Reply)).toContain('no longer kept');
  });

  it('fitForm leaves values within their limit alone', () => {
    const fine = { ...form, values: { note: 'short' }, errors: {} };
    expect(fitForm(fine, 'en')).toEqual(fine);
    expect(formAsReply(fine, 'fr').blocks.map((block) => block.type)).toEqual(['text', 'actions']);
  });
});

describe('effects', () => {
  it('run after the reply, and a failed one hands over to its fallback', async () => {
    const { b, poster } = await bot();
    const dm = { communityId: 'x', platform: 'console' as const, memberId: 'sam' };
    const post = { communityId: 'x', platform: 'console' as const, channel: 'orga' };
    const answer: Reply = {
      ...say([literal('done')]),
      effects: [
        {
          kind: 'dm',
          target: dm,
          reply: say([literal('hi')]),
          onFailure: { kind: 'post', target: post, reply: say([literal('could not')]) },
        },
      ],
    };
    await b.runEffects(answer);
    expect(poster.sent.map((s) => s.kind)).toEqual(['dm']);
    poster.dm = async () => {
      throw new Error('closed');
    };
    await b.runEffects(answer);
    expect(poster.sent.map((s) => [s.kind, s.target])).toEqual([
      ['dm', dm],
      ['post', post],
    ]);
  });
});

describe('problems for the member', () => {
  class Refused extends Error {}
  const outcomes: string[] = [];
  const refusing: CommandDefinition<unknown> = {
    name: 'refusing',
    description: d('Refuses'),
    options: [{ name: 'how', type: 'string', positional: true, description: d('How') }],
    responds: 'ephemeral',
    run: (_ctx, o) => {
      if (o.how === 'busy') throw new UserError((locale) => [literal(locale === 'fr' ? 'occupé' : 'busy')]);
      if (o.how === 'data') throw new Refused('no such record');
      throw new Error('a bug');
    },
    explain: (_ctx, error) => (error instanceof Refused ? [literal(`refused: ${error.message}`)] : undefined),
  };

  it('are said by the core: a UserError in the member’s language, a refusal as the command explains it, counted as user errors', async () => {
    const h = await harness({ now: NOW });
    const observer = { done: (event: { outcome: string }) => void outcomes.push(event.outcome) };
    const b = new Bot({
      commands: [refusing],
      communities: h.app.communities,
      isOrganiser,
      services: {},
      clock: h.clock,
      logger: silentLogger,
      observer,
    });
    const run = async (how: string, locale: 'fr' | 'en') =>
      h.render(
        await b.handle({
          communityId: [...h.app.communities.keys()][0]!,
          platform: 'console',
          channelId: 'c',
          member: { id: 'm', displayName: 'm', roles: [], locale },
          command: 'refusing',
          input: { kind: 'text', text: how },
        }),
        locale,
      );
    expect(await run('busy', 'fr')).toBe('occupé');
    expect(await run('busy', 'en')).toBe('busy');
    expect(await run('data', 'en')).toBe('refused: no such record');
    expect(outcomes).toEqual(['user_error', 'user_error', 'user_error']);
    await run('bug', 'en');
    expect(outcomes.at(-1)).toBe('error');
  });
});

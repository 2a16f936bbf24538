import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { propose } from '../../commands/propose.ts';
import { proposals } from '../../commands/proposals.ts';
import { FORM_LIMITS } from '../../src/core/form.ts';
import type { Invocation } from '../../src/core/invocation.ts';
import type { Harness } from '../support/harness.ts';
import {
  asForm,
  asReply,
  bob,
  configWith,
  expectOnlyInEscapedTokens,
  harness,
  inlines,
  MEETUP_13,
  NOW,
  organiser,
} from './support.ts';

const direct = (title: string, extra = '') =>
  `/propose title:"${title}" abstract:"Ce que j’ai appris en cassant la prod exprès." duration:5 ${extra}`.trim();

/** The sample community with an organisers' channel on the console. */
function withOrganisersChannel(channel: string): string {
  const dir = configWith('  capacity: 4');
  const file = path.join(dir, 'communities', 'sre-paris.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('channels:\n', `channels:\n  organisers: ${channel}\n`));
  return dir;
}

const asOrganiser = (command: string, text: string): Invocation => ({
  communityId: 'sre-paris',
  platform: 'console',
  channelId: 'console',
  member: { id: 'org', displayName: 'org', roles: [], organiser: true },
  command,
  input: { kind: 'text', text },
});

async function proposeAs(h: Harness, memberId: string, title: string, extra = '') {
  const text = (await h.ask(direct(title, extra), { id: memberId, displayName: memberId })).words;
  expect(text).toMatch(/^Proposition #\d+ reçue/);
  return Number(/#(\d+)/.exec(text)![1]);
}

describe('the command definitions', () => {
  it('give each action its own subcommand with typed, required options', () => {
    expect(
      propose.subcommands?.map((sub) => [sub.name, sub.options.filter((o) => o.required).map((o) => o.name)]),
    ).toEqual([
      ['new', []],
      ['mine', []],
      ['edit', ['id']],
      ['withdraw', ['id']],
    ]);
    expect(
      proposals.subcommands?.map((sub) => [sub.name, sub.options.filter((o) => o.required).map((o) => o.name)]),
    ).toEqual([
      ['list', []],
      ['accept', ['id']],
      ['reject', ['id']],
    ]);
    expect(
      [propose, proposals].map((command) => (command.subcommands ? command.defaultSubcommand : undefined)),
    ).toEqual(['new', 'list']);
    expect(proposals.organiserOnly).toBe(true);
  });
});

describe('/propose', () => {
  it('returns a form of at most 5 fields for the next meetup open to proposals, then records the submission', async () => {
    const h = await harness({ now: NOW });
    const form = asForm(await h.run('/propose'));
    expect(form.id).toBe('propose:proposal');
    expect(form.title).toBe('Lightning talk · #13');
    expect(form.state).toEqual({ event: MEETUP_13 });
    expect(form.fields.map((f) => f.id)).toEqual(['title', 'abstract', 'duration', 'bio', 'handle']);
    expect(form.fields.length).toBeLessThanOrEqual(FORM_LIMITS.fields);
    for (const field of form.fields) expect(field.label.length).toBeLessThanOrEqual(FORM_LIMITS.label);
    expect(form.fields[0]).toMatchObject({ kind: 'short', required: true, maxLength: 100 });
    expect(form.fields[1]).toMatchObject({ kind: 'long', required: true, maxLength: 1000 });
    expect(form.fields[2]).toMatchObject({ kind: 'choice', choices: [{ value: '5' }, { value: '10' }] });
    expect(form.fields.slice(3).map((f) => f.required)).toEqual([false, false]);

    const values = {
      title: 'Chaos à la carte',
      abstract: 'Injecter des pannes au menu du jour.',
      duration: '10',
      bio: 'SRE',
      handle: '@alice_ops',
    };
    const done = await h.submit({ formId: form.id, values, state: form.state });
    expect(h.words(done)).toBe(
      'Proposition #1 reçue : « Chaos à la carte » (10 min) pour #13 Site Reliability Engineering Paris - Meetup de la nouvelle année. ' +
        'Les organisateurs décideront et je vous préviendrai par message privé. Les vôtres : /propose mine.',
    );
    const mine = (await h.ask('/propose mine')).words;
    expect(mine).toContain(
      '#1 « Chaos à la carte » — #13 Site Reliability Engineering Paris - Meetup de la nouvelle année · 10 min · en attente de décision',
    );
  });

  it('accepts at once when every required field is given as an option, and pre-fills the form otherwise', async () => {
    const h = await harness({ now: NOW });
    expect(asReply(await h.run(direct('Chaos à la carte', 'handle:@alice_ops event:13'))).blocks).toHaveLength(1);
    const list = (await h.ask('/proposals', organiser)).words;
    expect(list).toContain('#1 « Chaos à la carte » — alice (@alice_ops) · 5 min · en attente de décision');

    const partial = asForm(await h.run('/propose title:"Deux minutes de YAML" duration:10'));
    expect(partial.values).toEqual({ title: 'Deux minutes de YAML', duration: '10' });
    expect(partial.errors).toEqual({});
  });

  it('sends bad values back in the form, as typed, with the reason per field, in the member’s language', async () => {
    const h = await harness({ now: NOW });
    const long = 'L'.repeat(101);
    const form = asForm(await h.run(`/propose title:"${long}" abstract:"Assez court" duration:7`));
    expect(form.values).toEqual({ title: long, abstract: 'Assez court', duration: '7' });
    expect(Object.keys(form.errors).sort()).toEqual(['duration', 'title']);
    expect(h.words(form)).toContain('⚠ title: Titre accepte au plus 100 caractères (vous en avez écrit 101).');
    expect(h.words(form)).toContain('⚠ duration: Durée (minutes) doit être l’une de ces valeurs : 5, 10.');

    const english = asForm(
      await h.submit(
        {
          formId: form.id,
          values: { title: 'Fine', abstract: '   ', duration: '5', handle: 'two words' },
          state: form.state,
        },
        { locale: 'en' },
      ),
    );
    expect(english.values).toMatchObject({ title: 'Fine', abstract: '   ', handle: 'two words' });
    expect(h.words(english)).toContain('⚠ abstract: Abstract is required.');
    expect(h.words(english)).toContain('⚠ handle: Social handle: one word such as @you');
    expect((await h.ask('/propose mine')).words).toContain('Vous n’avez encore rien proposé');
  });

  it('says which meetups exist, or that one is past, and gives back what was typed', async () => {
    const h = await harness({ now: NOW });
    const unknown = (await h.ask('/propose event:99 title:"Mon talk" duration:5')).words;
    expect(unknown).toBe(
      'Je ne trouve pas le meetup « 99 ». À venir : #13.\nRien n’a été enregistré. Ce que vous avez tapé, à renvoyer : /propose title:"Mon talk" duration:5 event:99',
    );
    const past = (await h.ask('/propose 4')).words;
    expect(past).toBe(
      '#4 Site Reliability Engineering - Meetup de la rentrée a déjà eu lieu (2019-09-18) : il ne prend plus de propositions.',
    );
    expect((await h.ask('/propose 12345')).words).toBe(
      'Pour changer la proposition #12345, dites quoi faire : /propose edit 12345 ou /propose withdraw 12345.',
    );
  });

  it('tells when the call for proposals opens or closed, as time tokens', async () => {
    const early = await harness({ now: NOW, configDir: configWith('  cfp: { opens: P30D, closes: P7D }') });
    const notYet = asReply(await early.run('/propose title:"Trop tôt"'));
    const when = inlines(notYet).filter((inline) => inline.type === 'time');
    expect(when.map((t) => t.type === 'time' && [t.at, t.style])).toEqual([
      ['2026-12-21T18:00:00.000Z', 'relative'],
      ['2026-12-21T18:00:00.000Z', 'datetime'],
    ]);
    expect(early.words(notYet)).toContain(
      'L’appel à lightning talks pour #13 Site Reliability Engineering Paris - Meetup de la nouvelle année ouvre ~2026-12-21 19:00 (2026-12-21 19:00).',
    );
    expect(early.words(notYet)).toContain('Ce que vous avez tapé, à renvoyer : /propose title:"Trop tôt"');

    early.clock.set(DateTime.fromISO('2027-01-15T12:00:00+01:00'));
    expect((await early.ask('/propose')).words).toBe(
      'L’appel à lightning talks pour #13 Site Reliability Engineering Paris - Meetup de la nouvelle année est clos depuis le 2027-01-13 19:00.',
    );
    early.clock.set(DateTime.fromISO('2026-12-22T12:00:00+01:00'));
    expect(asForm(await early.run('/propose')).state.event).toBe(MEETUP_13);
  });

  it('re-checks the window when the form comes back after it closed', async () => {
    const h = await harness({ now: NOW });
    const form = asForm(await h.run('/propose'));
    h.clock.set(DateTime.fromISO('2027-01-20T19:30:00+01:00'));
    const late = await h.submit({
      formId: form.id,
      values: { title: 'En retard', abstract: 'Oups', duration: '5' },
      state: form.state,
    });
    expect(h.words(late)).toContain('a déjà eu lieu (2027-01-20)');
    expect(h.words(late)).toContain(
      'Ce que vous avez tapé, à renvoyer : /propose title:"En retard" abstract:Oups duration:5 event:2027-01-20-meetup-13',
    );
  });

  it('lets a member hold at most 3 proposals waiting for a decision', async () => {
    const h = await harness({ now: NOW });
    for (const title of ['Un', 'Deux', 'Trois']) await proposeAs(h, 'alice', title);
    const refused = (await h.ask(direct('Quatre'))).words;
    expect(refused).toContain(
      'Vous avez déjà 3 propositions en attente de décision, le maximum par membre : #1 Un, #2 Deux, #3 Trois.',
    );
    expect(refused).toContain(
      '/propose title:Quatre abstract:"Ce que j’ai appris en cassant la prod exprès." duration:5',
    );
    // The form comes first, before any store read; the limit is checked when it is saved.
    const form = asForm(await h.run('/propose'));
    const submitted = await h.submit({
      formId: form.id,
      values: { title: 'Quatre', abstract: 'Encore', duration: '5' },
      state: form.state,
    });
    expect(h.words(submitted)).toContain('Vous avez déjà 3 propositions');
    await h.run('/proposals reject 2', organiser);
    expect(asForm(await h.run('/propose')).id).toBe('propose:proposal');
  });

  it('edits a waiting proposal through a pre-filled form, only the speaker’s own', async () => {
    const h = await harness({ now: NOW });
    const id = await proposeAs(h, 'alice', 'Brouillon', 'handle:alice_ops');
    const form = asForm(await h.run(`/propose edit ${id}`));
    expect(form.title).toBe(`Modifier la proposition #${id}`);
    expect(form.state).toEqual({ id: String(id) });
    expect(form.values).toEqual({
      title: 'Brouillon',
      abstract: 'Ce que j’ai appris en cassant la prod exprès.',
      duration: '5',
      bio: '',
      handle: '@alice_ops',
    });
    const saved = await h.submit({
      formId: form.id,
      values: { ...form.values, title: 'Version finale', duration: '10' },
      state: form.state,
    });
    expect(h.words(saved)).toBe(`Proposition #${id} modifiée : « Version finale » (10 min).`);
    expect((await h.ask(`/propose edit ${id} duration:7`)).words).toContain('⚠ duration');
    expect((await h.ask(`/propose edit ${id} title:"Direct"`)).words).toBe(
      `Proposition #${id} modifiée : « Direct » (10 min).`,
    );

    expect((await h.ask(`/propose edit ${id}`, bob)).words).toBe(
      `La proposition #${id} n’est pas l’une des vôtres. /propose mine liste les vôtres.`,
    );
    expect((await h.ask('/propose edit 99')).words).toBe(
      'Il n’y a pas de proposition #99 dans Site Reliability Engineering Paris.',
    );
    expect((await h.ask('/propose edit')).words).toBe(
      '/propose edit a besoin de id : un nombre entier. Par exemple : /propose edit 3\nVous avez tapé : /propose edit',
    );
    await h.run(`/proposals accept ${id}`, organiser);
    expect((await h.ask(`/propose edit ${id}`)).words).toBe(
      `La proposition #${id} est acceptée : elle ne peut plus être modifiée.`,
    );
  });
});

describe('/proposals', () => {
  it('is for organisers only', async () => {
    const h = await harness({ now: NOW });
    await proposeAs(h, 'alice', 'Chaos');
    expect((await h.ask('/proposals accept 1')).words).toBe(
      '/proposals est réservé aux organisateurs de Site Reliability Engineering Paris.',
    );
    expect((await h.ask('/proposals')).words).toBe(
      '/proposals est réservé aux organisateurs de Site Reliability Engineering Paris.',
    );
    expect(h.poster.sent).toEqual([]);
  });

  it('lists a meetup’s proposals with speaker, duration, state and age', async () => {
    const h = await harness({ now: '2026-11-28T10:00:00+01:00' });
    await proposeAs(h, 'alice', 'Chaos à la carte', 'handle:@alice_ops');
    h.clock.set(DateTime.fromISO(NOW));
    await proposeAs(h, 'bob', 'Runbooks vivants', 'duration:10');
    await h.run('/proposals accept 2', organiser);
    const list = (await h.ask('/proposals 13', organiser)).words;
    expect(list).toBe(
      [
        '# Propositions de lightning talks · #13 Site Reliability Engineering Paris - Meetup de la nouvelle année',
        'Appel à propositions : ouvert jusqu’au 2027-01-20 19:00.',
        'Créneaux de lightning talks pris : 1/4 · en attente de décision : 1 · en tout : 2',
        '- #2 « Runbooks vivants » — bob · 10 min · acceptée · ~2026-12-01 10:00',
        '  Ce que j’ai appris en cassant la prod exprès.',
        '- #1 « Chaos à la carte » — alice (@alice_ops) · 5 min · en attente de décision · ~2026-11-28 10:00',
        '  Ce que j’ai appris en cassant la prod exprès.',
        '[Accepter #1] [Refuser #1]',
        'Décider : /proposals accept ID · /proposals reject ID reason:"…"',
      ].join('\n'),
    );
    expect((await h.ask('/proposals 99', organiser)).words).toBe(
      'Je ne trouve pas le meetup « 99 ». Connus : #4, #7, #12, #13.',
    );
  });

  it('pages a long list, counting from the index', async () => {
    const h = await harness({ now: NOW });
    for (let i = 1; i <= 12; i++) await proposeAs(h, `member-${i}`, `Talk ${i}`);
    await h.run('/proposals accept 12', organiser);
    const first = (await h.ask('/proposals', organiser)).words;
    expect(first).toContain('Créneaux de lightning talks pris : 1/4 · en attente de décision : 11 · en tout : 12');
    expect(first.match(/^- #\d+/gm)).toEqual([
      '- #12',
      '- #1',
      '- #2',
      '- #3',
      '- #4',
      '- #5',
      '- #6',
      '- #7',
      '- #8',
      '- #9',
    ]);
    expect(first).toContain('Propositions 1 à 10 sur 12. Page suivante : /proposals #13 page:2');
    const second = (await h.ask('/proposals #13 page:2', organiser)).words;
    expect(second.match(/^- #\d+/gm)).toEqual(['- #10', '- #11']);
    expect(second).toContain('Propositions 11 à 12 sur 12.\n');
    expect((await h.ask('/proposals 13 page:9', organiser)).words).toContain('Propositions 11 à 12 sur 12.');
  });

  it('tells the speaker by direct message, in their language, with the reason when declined', async () => {
    const h = await harness({ now: NOW });
    await proposeAs(h, 'alice', 'Chaos à la carte');
    const english = (await h.ask(direct('Two minutes of YAML'), { id: 'sam', displayName: 'sam', locale: 'en' })).words;
    expect(english).toBe(
      'Proposal #2 received: “Two minutes of YAML” (5 min) for #13 Site Reliability Engineering Paris - Meetup de la nouvelle année. The organisers will decide and I will tell you by direct message. Yours: /propose mine.',
    );

    expect((await h.ask('/proposals accept 1', organiser)).words).toBe(
      'Acceptée : #1, « Chaos à la carte », par alice. Créneaux de lightning talks de #13 Site Reliability Engineering Paris - Meetup de la nouvelle année : 1/4 pris.\n' +
        'L’orateur ou l’oratrice est prévenu·e par message privé ; si le message ne passe pas, c’est noté dans les logs : prévenez alors la personne vous-même.',
    );
    expect((await h.ask('/proposals reject 2 reason:"Hors sujet pour cette édition"', organiser)).words).toContain(
      'Refusée : #2, « Two minutes of YAML », par sam.',
    );
    expect(h.poster.sent.map((s) => [s.kind, s.target])).toEqual([
      ['dm', { communityId: 'sre-paris', platform: 'console', memberId: 'alice' }],
      ['dm', { communityId: 'sre-paris', platform: 'console', memberId: 'sam' }],
    ]);
    expect(h.words(h.poster.sent[0]!.reply)).toBe(
      'Bonne nouvelle : votre lightning talk « Chaos à la carte » (5 min) est accepté pour #13 Site Reliability Engineering Paris - Meetup de la nouvelle année, le 2027-01-20 19:00. Le programme : /agenda.',
    );
    // Written in each speaker's language: renderers write its dates in that language too.
    expect(h.poster.sent.map((s) => s.reply.locale)).toEqual(['fr', 'en']);
    expect(h.words(h.poster.sent[1]!.reply)).toBe(
      'Your lightning talk “Two minutes of YAML” was not selected for #13 Site Reliability Engineering Paris - Meetup de la nouvelle année. Thank you for proposing it!\n' +
        'The organisers’ note: Hors sujet pour cette édition',
    );
    expect((await h.ask('/proposals accept 2', organiser)).words).toBe(
      'La proposition #2 est refusée : elle ne peut pas être acceptée.',
    );
    expect((await h.ask('/proposals accept 42', organiser)).words).toBe(
      'Il n’y a pas de proposition #42 dans Site Reliability Engineering Paris.',
    );
    expect((await h.ask('/proposals reject', organiser)).words).toBe(
      '/proposals reject a besoin de id : un nombre entier. Par exemple : /proposals reject 3\nVous avez tapé : /proposals reject',
    );
  });

  it('decides before the direct message is sent, says what happens if it fails, and tells the organisers’ channel when it does', async () => {
    const h = await harness({ now: NOW, configDir: withOrganisersChannel('orga') });
    await proposeAs(h, 'alice', 'Chaos');
    const answer = asReply(await h.app.bot.handle(asOrganiser('proposals', 'accept 1')));
    // Nothing is sent before the adapter delivered the reply: the DM is an effect, run after it.
    expect(h.poster.sent).toEqual([]);
    expect(h.words(answer)).toContain('si le message ne passe pas, le canal des organisateurs est prévenu.');
    h.poster.dm = async () => {
      throw new Error('DMs closed');
    };
    await h.app.bot.runEffects(answer);
    expect(h.poster.sent.map((s) => [s.kind, s.target])).toEqual([
      ['post', { communityId: 'sre-paris', platform: 'console', channel: 'orga' }],
    ]);
    expect(h.words(h.poster.sent[0]!.reply)).toBe(
      'Je n’ai pas pu prévenir alice par message privé que la proposition #1, « Chaos », est acceptée : prévenez la personne vous-même.',
    );
    expect((await h.ask('/propose mine', { id: 'alice', displayName: 'alice' })).words).toContain('acceptée');
  });

  it('refuses to accept beyond capacity; a withdrawn accepted talk frees its slot', async () => {
    const h = await harness({ now: NOW, configDir: configWith('  capacity: 2') });
    for (const member of ['alice', 'bob', 'carol']) await proposeAs(h, member, `Talk of ${member}`);
    await h.run('/proposals accept 1', organiser);
    await h.run('/proposals accept 2', organiser);
    expect((await h.ask('/proposals accept 3', organiser)).words).toBe(
      'Les 2 créneaux de lightning talks de #13 Site Reliability Engineering Paris - Meetup de la nouvelle année sont pris (#1 Talk of alice, #2 Talk of bob) : la #3 n’est pas acceptée. ' +
        'Un créneau se libère quand un orateur se retire ; le nombre de créneaux est `proposals.capacity` dans les réglages de la communauté.',
    );
    expect((await h.ask('/propose withdraw 1', bob)).words).toBe(
      'La proposition #1 n’est pas l’une des vôtres. /propose mine liste les vôtres.',
    );
    expect((await h.ask('/propose withdraw 1')).words).toBe(
      'La proposition #1, « Talk of alice », est retirée, et son créneau de lightning talk à #13 Site Reliability Engineering Paris - Meetup de la nouvelle année est de nouveau libre.',
    );
    expect((await h.ask('/propose withdraw 1')).words).toBe('La proposition #1 est déjà retirée.');
    expect((await h.ask('/proposals accept 3', organiser)).words).toContain('2/2 pris');
  });

  it('shows accepted talks in /agenda, in order of acceptance', async () => {
    const h = await harness({ now: NOW });
    await proposeAs(h, 'alice', 'Chaos à la carte', 'handle:@alice_ops bio:"SRE chez Exemple"');
    await proposeAs(h, 'bob', 'Runbooks vivants');
    await proposeAs(h, 'carol', 'Jamais accepté');
    await h.run('/proposals accept 2', organiser);
    await h.run('/proposals accept 1', organiser);
    const agenda = (await h.ask('/agenda')).words;
    expect(agenda.split('# Lightning talks\n')[1]).toBe(
      [
        '- Runbooks vivants (5 min) — bob',
        '  Ce que j’ai appris en cassant la prod exprès.',
        '- Chaos à la carte (5 min) — alice (@alice_ops)',
        '  Ce que j’ai appris en cassant la prod exprès.',
        // Lightning talks have their Abstract buttons too, after the talks of the event file.
        "[Résumé : Des budgets d'erreur qui servent vraiment] [Résumé : Astreinte soutenable : ce que trois ans de pages nous ont a…] [Résumé : Le jour où le DNS est tombé] [Résumé : Runbooks vivants] [Résumé : Chaos à la carte]",
      ].join('\n'),
    );
    const slots = await h.app.services.lightning.accepted('sre-paris', MEETUP_13);
    expect(slots[1]).toEqual({
      kind: 'lightning',
      title: 'Chaos à la carte',
      abstract: 'Ce que j’ai appris en cassant la prod exprès.',
      minutes: 5,
      speakers: [{ name: 'alice', handle: 'alice_ops', bio: 'SRE chez Exemple' }],
    });
  });

  it('logs a record it cannot read and lists the others, saying one is missing', async () => {
    const h = await harness({ now: NOW });
    for (const member of ['alice', 'bob', 'carol']) await proposeAs(h, member, `Talk of ${member}`);
    await h.app.services.store.namespace('proposals').set('p:sre-paris:2', { v: 7, title: 'from the future' });
    const error = vi.spyOn(h.app.services.logger, 'error');
    const list = (await h.ask('/proposals', organiser)).words;
    expect(list).toContain('#1 « Talk of alice »');
    expect(list).toContain('#3 « Talk of carol »');
    expect(list).not.toContain('Talk of bob');
    expect(list).toContain('1 proposition n’a pas pu être lue (l’erreur est dans les logs) : #2.');
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ proposal: 2, problem: expect.stringContaining('schema version 7') }),
      'proposal record could not be read',
    );
    expect((await h.ask('/proposals accept 2', organiser)).words).toBe(
      'La proposition #2 n’a pas pu être lue ; l’erreur est notée dans les logs pour les mainteneurs.',
    );
    expect((await h.ask('/propose mine', bob)).words).toContain('1 proposition n’a pas pu être lue');
  });

  it('carries user text such as @everyone only in plain-text tokens', async () => {
    const h = await harness({ now: NOW });
    const submitted = asReply(await h.run(direct('@everyone <!channel> **gras**', 'handle:@here')));
    expectOnlyInEscapedTokens(submitted, '@everyone <!channel> **gras**');
    await h.run('/proposals accept 1', organiser);
    expectOnlyInEscapedTokens(asReply(await h.run('/proposals', organiser)), '@everyone');
    expectOnlyInEscapedTokens(asReply(await h.run('/proposals', organiser)), 'alice (@here)');
    expectOnlyInEscapedTokens(h.poster.sent[0]!.reply, '@everyone');
    expectOnlyInEscapedTokens(asReply(await h.run('/propose mine')), '@everyone');
    // The agenda shows a slot title as a strong token, which adapters escape like plain text.
    expectOnlyInEscapedTokens(asReply(await h.run('/agenda')), '@everyone', ['plain', 'strong']);
  });
});

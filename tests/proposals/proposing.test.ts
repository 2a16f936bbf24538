import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { propose } from '../../commands/propose.ts';
import { proposals } from '../../commands/proposals.ts';
import { FORM_LIMITS } from '../../src/core/form.ts';
import {
  asForm,
  asReply,
  bob,
  configWith,
  direct,
  harness,
  inlines,
  MEETUP_13,
  NOW,
  organiser,
  proposeAs,
} from './support.ts';

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

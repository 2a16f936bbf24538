import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import type { Invocation } from '../../src/core/invocation.ts';
import {
  asReply,
  bob,
  configWith,
  direct,
  expectOnlyInEscapedTokens,
  harness,
  MEETUP_13,
  NOW,
  organiser,
  proposeAs,
} from './support.ts';

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

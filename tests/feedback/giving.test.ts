import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { communitySchema } from '../../src/config/communitySchema.ts';
import { FORM_LIMITS } from '../../src/core/form.ts';
import { ROOT } from '../support/cli.ts';
import { harness } from '../support/harness.ts';
import { AFTER_12, answers, as, form, ORGANISER, replyOf } from './commandSupport.ts';

describe('/feedback: a member answers', () => {
  it('returns the form for the last meetup, with the numbered talks, and saves what is submitted', async () => {
    const h = await harness({ now: AFTER_12 });
    const f = form(await h.run('/feedback', as('alice')));
    expect(f.id).toBe('feedback:respond');
    expect(f.title).toBe('Votre avis sur #12');
    expect(f.state).toEqual({ event: '2026-06-17-meetup-12' });
    expect(f.fields.map((field) => [field.id, field.kind, field.required])).toEqual([
      ['rating', 'rating', true],
      ['worked', 'long', false],
      ['improve', 'long', false],
      ['talks', 'short', false],
    ]);
    expect(f.fields.length).toBeLessThanOrEqual(FORM_LIMITS.fields);
    for (const field of f.fields) expect([...field.label].length).toBeLessThanOrEqual(FORM_LIMITS.label);
    const talks = f.fields.find((field) => field.id === 'talks')!;
    expect(talks.label).toBe('Notes des talks 1 à 2\u202f: n°:note, ex. 1:5 2:4');
    expect(talks.placeholder).toMatch(/^1 Du chaos engineering .* · 2 Prévoir la capacité/);

    const saved = await h.submit(
      { formId: f.id, state: f.state, values: { rating: '4', worked: 'les démos', improve: '', talks: '1:5 2:3' } },
      as('alice'),
    );
    const text = h.words(saved);
    expect(text).toContain("Merci\u202f! Votre avis sur #12 SRE Paris – Édition d'été est enregistré\u202f: 4/5.");
    expect(text).toContain('1. Du chaos engineering en production, sans casser la prod — 5/5');
    expect(text).toContain('2. Prévoir la capacité avec trois lignes de SQL — 3/5');
    expect(text).toContain('jamais qui les a écrits');
    expect(text).not.toContain('remplace');
  });

  it('saves at once when the rating is given as an option, in the member’s own language', async () => {
    const h = await harness({ now: AFTER_12 });
    const outcome = await h.run('/feedback event:12 rating:5 worked:"les démos"', as('bob', { locale: 'en' }));
    expect(h.words(outcome)).toContain("Thank you! Your feedback on #12 SRE Paris – Édition d'été is saved: 5/5.");
    expect(h.words(outcome)).toContain('1. Du chaos engineering en production, sans casser la prod — not rated');
  });

  it('asks for the rating with a pre-filled form when only other options are given', async () => {
    const h = await harness({ now: AFTER_12 });
    const f = form(await h.run('/feedback worked:"les démos" talks:"1:5"', as('alice')));
    expect(f.values).toEqual({ worked: 'les démos', talks: '1:5' });
    expect(f.errors).toEqual({});
  });

  it('replaces a member’s earlier answer, says so, and counts it once', async () => {
    const h = await harness({ now: AFTER_12 });
    await answers(h, [
      ['alice', '/feedback rating:2 improve:"trop de slides" talks:"1:1"'],
      ['bob', '/feedback rating:4'],
      ['carol', '/feedback rating:3'],
    ]);
    h.clock.set(DateTime.fromISO('2026-06-19T09:00:00+02:00'));
    const again = h.words(await h.run('/feedback rating:5 talks:"1:5"', as('alice')));
    expect(again).toContain('Il remplace votre réponse du 2026-06-18 10:00\u202f: seule la dernière compte.');
    const summary = (await h.ask('/feedback summary', ORGANISER)).words;
    expect(summary).toContain('3 réponses · moyenne 4/5');
    expect(summary).toContain('5 ████████████████████ 1\n4 ████████████████████ 1\n3 ████████████████████ 1\n2 0\n1 0');
    expect(summary).toContain('Pas encore de commentaire.');
  });

  it('keeps what was typed when the rating in the form is not 1 to 5', async () => {
    const h = await harness({ now: AFTER_12 });
    const f = form(await h.run('/feedback', as('alice')));
    for (const rating of ['0', 'five', '6', '4.5']) {
      const back = form(
        await h.submit(
          {
            formId: f.id,
            state: f.state,
            values: { rating, worked: 'les démos', improve: 'plus de pizza', talks: '' },
          },
          as('alice'),
        ),
      );
      expect(back.values).toEqual({ rating, worked: 'les démos', improve: 'plus de pizza', talks: '' });
      expect(h.words(back)).toContain(
        '⚠ rating: Note globale, de 1 (bof) à 5 (top) doit être un nombre entier de 1 à 5.',
      );
      expect(back.state).toEqual(f.state);
    }
    expect((await h.ask('/feedback summary', ORGANISER)).words).toContain('0 réponse pour l’instant');
  });

  it('refuses an out-of-range rating option by repeating what was typed', async () => {
    const h = await harness({ now: AFTER_12 });
    const text = (await h.ask('/feedback rating:0 worked:"les démos"', as('alice'))).words;
    expect(text).toContain('«\u202f0\u202f» n’est pas valable pour rating\u202f: il faut un nombre entier de 1 à 5.');
    expect(text).toContain('Vous avez tapé\u202f: /feedback rating:0 worked:"les démos"');
  });

  it('gives an over-long comment back in the form with the reason, and wrong talk numbers with the list of talks', async () => {
    const h = await harness({ now: AFTER_12 });
    const long = 'x'.repeat(1001);
    const back = form(await h.run(`/feedback rating:5 worked:"${long}" improve:"court"`, as('alice')));
    expect(back.values).toEqual({ rating: '5', worked: long, improve: 'court' });
    expect(h.words(back)).toMatch(
      /⚠ worked: Ce qui a bien marché accepte au plus 1\s000 caractères \(vous en avez écrit 1\s001\)\./,
    );

    const talks = form(await h.run('/feedback rating:5 talks:"3:5"', as('alice', { locale: 'en' })));
    expect(h.words(talks)).toContain(
      '⚠ talks: There is no talk 3. The talks: 1 = Du chaos engineering en production, sans casser la prod, 2 = Prévoir la capacité avec trois lignes de SQL.',
    );
    expect(talks.values.talks).toBe('3:5');
  });
});

describe('/feedback: which meetup', () => {
  it('refuses a meetup whose window has closed, one not ended yet and an unknown one', async () => {
    const h = await harness({ now: AFTER_12 });
    expect((await h.ask('/feedback 7', as('alice'))).words).toBe(
      'Les avis sur #7 Site Reliability Engineering Paris - Meetup en ligne sont fermés depuis le 2020-10-14, 14 jours après le meetup.',
    );
    expect((await h.ask('/feedback 13', as('alice'))).words).toMatch(
      /^#13 .* n’est pas encore terminé\u202f: les avis ouvrent à la fin, 2027-01-20 22:00\.$/,
    );
    expect((await h.ask('/feedback 99', as('alice', { locale: 'en' }))).words).toBe(
      'I can’t find the meetup “99”. Try a number (/feedback 12) or a date (/feedback 2026-06-17). Known: #4, #7, #12, #13.',
    );
  });

  it('gives the answer back in a form with an event field when the meetup named cannot take it', async () => {
    const h = await harness({ now: AFTER_12 });
    const back = form(await h.run('/feedback 13 rating:5 worked:"les démos"', as('alice')));
    expect(back.fields[0]!.id).toBe('event');
    expect(back.values).toEqual({ event: '13', rating: '5', worked: 'les démos' });
    expect(h.words(back)).toMatch(/⚠ event: #13 .* n’est pas encore terminé/);
    expect(back.fields.length).toBeLessThanOrEqual(FORM_LIMITS.fields);
    const saved = await h.submit(
      { formId: back.id, state: back.state, values: { ...back.values, event: '12', talks: '' } },
      as('alice'),
    );
    expect(h.words(saved)).toContain("Votre avis sur #12 SRE Paris – Édition d'été est enregistré\u202f: 5/5.");
    const again = form(
      await h.submit({ formId: back.id, state: back.state, values: { ...back.values, event: '4' } }, as('alice')),
    );
    expect(h.words(again)).toMatch(/⚠ event: Les avis sur #4 .* sont fermés/);
    expect(again.values.worked).toBe('les démos');
  });

  it('says when no meetup is open any more, repeating what was typed', async () => {
    const h = await harness({ now: '2026-07-05T10:00:00+02:00' });
    expect((await h.ask('/feedback', as('alice'))).words).toBe(
      "Aucun meetup ne s’est terminé ces 14 derniers jours. Le dernier, #12 SRE Paris – Édition d'été, ne prend plus d’avis depuis le 2026-07-01.",
    );
    const kept = (await h.ask('/feedback rating:4 improve:"plus de pauses"', as('alice'))).words;
    expect(kept).toContain('Ce que vous avez écrit, pour ne pas le perdre\u202f:');
    expect(kept).toContain('À améliorer, idées pour le prochain meetup: plus de pauses');
  });

  it('gives back what was written when the window closes while the form is open', async () => {
    const h = await harness({ now: '2026-07-01T21:00:00+02:00' });
    const f = form(await h.run('/feedback', as('alice')));
    h.clock.set(DateTime.fromISO('2026-07-02T00:30:00+02:00'));
    const text = h.words(
      await h.submit(
        { formId: f.id, state: f.state, values: { rating: '5', worked: 'tout', improve: '', talks: '' } },
        as('alice'),
      ),
    );
    expect(text).toMatch(/Les avis sur #12 .* sont fermés depuis le 2026-07-01/);
    expect(text).toContain('Ce qui a bien marché: tout');
  });

  it('reads windowDays and minResponses from the community file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emcee-feedback-config-'));
    cpSync(path.join(ROOT, 'config'), dir, { recursive: true });
    const file = path.join(dir, 'communities', 'sre-paris.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nfeedback:\n  windowDays: 2\n  minResponses: 1\n`);
    const h = await harness({ now: '2026-06-19T21:00:00+02:00', configDir: dir });
    replyOf(await h.run('/feedback rating:4', as('alice')));
    expect((await h.ask('/feedback summary', ORGANISER)).words).toContain('1 réponse · moyenne 4/5');
    h.clock.set(DateTime.fromISO('2026-06-19T22:00:00+02:00'));
    expect((await h.ask('/feedback', as('bob'))).words).toMatch(/ne prend plus d’avis depuis le 2026-06-19/);
  });

  it('has strict settings with defaults of 14 days and 3 answers', () => {
    const base = { name: 'x', timezone: 'Europe/Paris', locale: 'fr' };
    expect(communitySchema.parse(base).feedback).toEqual({ windowDays: 14, minResponses: 3 });
    expect(communitySchema.safeParse({ ...base, feedback: { windowDays: 0 } }).success).toBe(false);
    expect(communitySchema.safeParse({ ...base, feedback: { window: 3 } }).success).toBe(false);
  });
});

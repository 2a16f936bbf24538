import { describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.ts';
import { configWith, harness, NOW, organiser } from './support.ts';

const EVENT_13 = '#13 Site Reliability Engineering Paris - Meetup de la nouvelle année';

async function propose(h: Harness, memberId: string, title: string, minutes: number): Promise<void> {
  const text = (
    await h.ask(`/propose title:"${title}" abstract:"Un retour d’expérience." duration:${minutes}`, {
      id: memberId,
      displayName: memberId,
    })
  ).words;
  expect(text).toMatch(/^Proposition #\d+ reçue/);
}

describe('deciding on proposals', () => {
  it('counts the lightning block in minutes, and names what is already accepted when a talk does not fit', async () => {
    const h = await harness({ now: NOW, configDir: configWith('  minutes: 15') });
    await propose(h, 'alice', 'Chaos à la carte', 10);
    await propose(h, 'bob', 'Runbooks vivants', 10);
    await propose(h, 'carol', 'Deux minutes de YAML', 5);
    expect((await h.ask('/proposals accept 1', organiser)).words).toContain(
      `Acceptée : #1, « Chaos à la carte », par alice. Créneaux de lightning talks de ${EVENT_13} : 1/4 pris, 10/15 minutes.`,
    );
    expect((await h.ask('/proposals accept 2', organiser)).words).toBe(
      `La #2 (10 min) ne tient pas dans le bloc de lightning talks de 15 minutes de ${EVENT_13} : 10 min sont déjà acceptées (#1 Chaos à la carte (10 min)). ` +
        'Refusez ou retirez-en une d’abord, ou allongez le bloc : `proposals.minutes` dans les réglages de la communauté.',
    );
    expect((await h.ask('/proposals accept 3', organiser)).words).toContain('2/4 pris, 15/15 minutes.');
    expect((await h.ask('/proposals', organiser)).words).toContain(
      'Créneaux de lightning talks pris : 2/4 · minutes : 15/15 · en attente de décision : 1 · en tout : 3',
    );
    expect((await h.ask('/propose mine', { id: 'bob', displayName: 'bob' })).words).toContain('en attente de décision');
  });

  it('applies both limits when both are set: the talks counted and their minutes', async () => {
    const h = await harness({ now: NOW, configDir: configWith('  capacity: 1\n  minutes: 30') });
    await propose(h, 'alice', 'Un', 5);
    await propose(h, 'bob', 'Deux', 5);
    await h.run('/proposals accept 1', organiser);
    expect((await h.ask('/proposals accept 2', organiser)).words).toContain('Les 1 créneaux de lightning talks');
  });

  it('refuses a block shorter than every talk length', async () => {
    const { proposalSettingsSchema } = await import('../../src/proposals/settings.ts');
    const parsed = proposalSettingsSchema.safeParse({ minutes: 4, durations: [5, 10] });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['minutes', 'minutes is shorter than every talk length of durations: no talk could ever be accepted'],
    ]);
  });

  it('names the missing number, a mistyped action, and a decision already taken', async () => {
    const h = await harness({ now: NOW });
    await propose(h, 'alice', 'Chaos', 5);
    expect((await h.ask('/proposals accept', organiser)).words).toBe(
      '/proposals accept a besoin de id : un nombre entier. Par exemple : /proposals accept 3\nVous avez tapé : /proposals accept',
    );
    expect((await h.ask('/proposals frobnicate 1', organiser)).words).toBe(
      'Je ne connais pas l’action « frobnicate ». /proposals accepte : list, accept, reject.\nVous avez tapé : /proposals frobnicate 1',
    );
    expect((await h.ask('/proposals frobnicate', { ...organiser, locale: 'en' })).words).toBe(
      '“frobnicate” is not an action of /proposals. The actions: list, accept, reject, e.g. /proposals accept 3.',
    );
    expect((await h.ask('/proposals 99', organiser)).words).toContain('Je ne trouve pas le meetup « 99 »');
    await h.run('/proposals accept 1', organiser);
    expect((await h.ask('/proposals accept 1', organiser)).words).toBe('La proposition #1 est déjà acceptée.');
    expect((await h.ask('/proposals reject 1', organiser)).words).toBe(
      'La proposition #1 est acceptée : elle ne peut pas être refusée.',
    );
  });
});

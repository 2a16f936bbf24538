import { describe, expect, it } from 'vitest';
import { promptForm } from '../../src/platforms/console/promptForm.ts';
import type { Harness } from '../support/harness.ts';
import { asForm, harness, NOW, spaced } from './support.ts';

/** Answers typed one per line, and the prompts the console showed for them. */
function typing(answers: string[]) {
  const prompts: string[] = [];
  return { prompts, lines: { next: async (prompt?: string) => (prompts.push(spaced(prompt ?? '')), answers.shift()) } };
}

async function proposed(h: Harness): Promise<number> {
  const text = (await h.ask('/propose title:"Brouillon" abstract:"Premier jet." duration:5 handle:@alice_ops')).words;
  return Number(/#(\d+)/.exec(text)![1]);
}

describe('/propose edit in the console', () => {
  it('asks every field with its current value: Enter keeps it, a new answer replaces it, - clears an optional one', async () => {
    const h = await harness({ now: NOW });
    const id = await proposed(h);
    const form = asForm(await h.run(`/propose edit ${id}`));
    expect(form.review).toBe(true);
    const { prompts, lines } = typing(['', 'Second jet.', '10', '', '-']);
    const values = await promptForm(form, lines, 'fr', () => undefined);
    expect(prompts).toEqual([
      'Titre [actuellement « Brouillon » ; Entrée le garde] : ',
      'Résumé [actuellement « Premier jet. » ; Entrée le garde] : ',
      'Durée (minutes) (5/10) [actuellement « 5 » ; Entrée le garde] : ',
      'Quelques mots sur vous (ex. : SRE chez …, gère l’astreinte de …) (facultatif, Entrée pour passer) : ',
      'Pseudo sur les réseaux [actuellement « @alice_ops » ; Entrée le garde, - l’efface] : ',
    ]);
    expect(values).toEqual({ title: 'Brouillon', abstract: 'Second jet.', duration: '10', bio: '', handle: '' });
    expect(h.words(await h.submit({ formId: form.id, values: values!, state: form.state }))).toBe(
      `Proposition #${id} modifiée : « Brouillon » (10 min).`,
    );
    expect((await h.ask('/proposals', { id: 'org', displayName: 'org', organiser: true })).words).toContain(
      `#${id} « Brouillon » — alice · 10 min`,
    );
  });

  it('says a proposal kept as it was is unchanged, and records no edit', async () => {
    const h = await harness({ now: NOW });
    const id = await proposed(h);
    const form = asForm(await h.run(`/propose edit ${id}`));
    const values = await promptForm(form, typing(['', '', '', '', '']).lines, 'fr', () => undefined);
    expect(h.words(await h.submit({ formId: form.id, values: values!, state: form.state }))).toBe(
      `La proposition #${id} est inchangée : « Brouillon » (5 min).`,
    );
    const stored = await h.app.services.store
      .namespace<{ history: Array<{ action: string }> }>('proposals')
      .get(`p:sre-paris:${id}`);
    expect(stored?.history.map((entry) => entry.action)).toEqual(['submitted']);
  });

  it('asks only the missing fields of a new proposal, and only the refused ones once an edit comes back', async () => {
    const h = await harness({ now: NOW });
    const fresh = asForm(await h.run('/propose title:"Chaos" duration:5'));
    expect(fresh.review).toBeUndefined();
    const asked = typing(['Des pannes.', '', '']);
    expect(await promptForm(fresh, asked.lines, 'fr', () => undefined)).toMatchObject({
      title: 'Chaos',
      abstract: 'Des pannes.',
      duration: '5',
    });
    expect(asked.prompts.map((prompt) => prompt.split(' ')[0])).toEqual(['Résumé', 'Quelques', 'Pseudo']);

    const id = await proposed(h);
    const refused = asForm(await h.run(`/propose edit ${id} duration:7`));
    const again = typing(['10']);
    expect(await promptForm(refused, again.lines, 'fr', () => undefined)).toMatchObject({
      title: 'Brouillon',
      duration: '10',
    });
    expect(again.prompts).toEqual(['Durée (minutes) (5/10) [vous aviez écrit « 7 »] : ']);
  });
});

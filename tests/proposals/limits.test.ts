import { describe, expect, it } from 'vitest';
import { REPLY_LIMITS } from '../../src/core/reply.ts';
import { asReply, harness, NOW } from './support.ts';

const huge = 'L'.repeat(100_000);

describe('replies to very long input', () => {
  it('refuse a 100 KB title with the title’s own limit, quoting only its start, once', async () => {
    const h = await harness({ now: NOW });
    const refused = asReply(await h.run(`/propose title:"${huge}" abstract:"Court." duration:5`));
    const text = h.words(refused);
    expect(text).toBe(
      `Titre accepte au plus 100 caractères (vous en avez écrit 100 000).\nRien n’a été enregistré. Ce que vous avez tapé commence par : title:${'L'.repeat(73)}…`,
    );
    expect((await h.ask('/propose mine')).words).toContain('Vous n’avez encore rien proposé');
  });

  it('quote at most a short excerpt of what was typed when an option cannot be read', async () => {
    const h = await harness({ now: NOW });
    const text = (await h.ask(`/propose event:"${'9'.repeat(5_000)}"`)).words;
    expect(text.length).toBeLessThan(400);
    expect(text).toContain('un texte d’au plus 100 caractères');
    for (const line of text.split('\n'))
      expect(line.match(/9+/)?.[0].length ?? 0).toBeLessThanOrEqual(REPLY_LIMITS.excerpt);
  });

  it('keep a refusal that gives back what was typed within one Discord message', async () => {
    const h = await harness({ now: NOW });
    const title = (n: number) => `${n} ${'T'.repeat(97)}`;
    for (const n of [1, 2, 3]) await h.run(`/propose title:"${title(n)}" abstract:"Court." duration:5`);
    const line = `/propose title:"${title(4)}" abstract:"${'A'.repeat(1000)}" duration:5 bio:"${'B'.repeat(500)}" handle:${'h'.repeat(100)}`;
    const refused = asReply(await h.run(line));
    const text = h.words(refused);
    expect(text).toContain('Vous avez déjà 3 propositions en attente de décision');
    expect(text).toContain(
      `Ce que vous avez tapé, à renvoyer : /propose title:"${title(4).slice(0, 79)}…" abstract:${'A'.repeat(79)}…`,
    );
    expect(text.length).toBeLessThanOrEqual(REPLY_LIMITS.messageText);

    // What fits is given back whole, ready to send again.
    const short = (await h.ask('/propose title:"Quatre" abstract:"Court." duration:5')).words;
    expect(short).toContain('Ce que vous avez tapé, à renvoyer : /propose title:Quatre abstract:Court. duration:5');
  });
});

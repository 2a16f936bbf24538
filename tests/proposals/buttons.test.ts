import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.ts';
import { asForm, asReply, harness, NOW, organiser } from './support.ts';

const direct = (title: string) => `/propose title:"${title}" abstract:"Des pannes au menu." duration:5`;

/** The buttons of a reply, as [action, value, label in words]. */
function buttons(h: Awaited<ReturnType<typeof harness>>, reply: Reply) {
  return reply.blocks
    .flatMap((block) => (block.type === 'actions' ? block.buttons : []))
    .map((b) => [b.action, b.value, h.words({ ...reply, blocks: [{ type: 'text', text: b.label }] })]);
}

describe('/proposals buttons', () => {
  it('offers Accept and Decline for each waiting proposal, and Accept answers in place of the list', async () => {
    const h = await harness({ now: NOW });
    await h.run(direct('Chaos'), { id: 'alice', displayName: 'alice' });
    await h.run(direct('YAML'), { id: 'sam', displayName: 'sam' });
    await h.run('/proposals accept 2', organiser);
    const list = asReply(await h.run('/proposals', organiser));
    expect(buttons(h, list)).toEqual([
      ['accept', '1', 'Accepter #1'],
      ['reject', '1', 'Refuser #1'],
    ]);
    expect(h.app.bot.planAct('proposals', 'accept')).toBe('replace');
    const sentBefore = h.poster.sent.length;
    const pressed = asReply(await h.press('proposals', { action: 'accept', value: '1' }, organiser));
    expect(pressed.replaces).toBe(true);
    expect(h.words(pressed)).toMatch(/^Acceptée : #1, « Chaos », par alice\./);
    // The refreshed list follows, with no button left: nothing waits any more.
    expect(h.words(pressed)).toContain('Créneaux de lightning talks pris : 2/4 · en attente de décision : 0');
    expect(buttons(h, pressed)).toEqual([]);
    expect(h.poster.sent.slice(sentBefore).map((s) => [s.kind, 'memberId' in s.target && s.target.memberId])).toEqual([
      ['dm', 'alice'],
    ]);
  });

  it('asks for a note through a form when Decline is pressed, then declines with it', async () => {
    const h = await harness({ now: NOW });
    await h.run(direct('Chaos'), { id: 'alice', displayName: 'alice' });
    expect(h.app.bot.planAct('proposals', 'reject')).toBe('form');
    const form = asForm(await h.press('proposals', { action: 'reject', value: '1' }, organiser));
    expect([form.id, form.title, form.fields.map((f) => [f.id, f.required])]).toEqual([
      'proposals:reject',
      'Refuser la proposition #1',
      [['reason', false]],
    ]);
    const done = asReply(
      await h.submit({ formId: form.id, values: { reason: 'Bloc complet' }, state: form.state }, organiser),
    );
    expect(h.words(done)).toMatch(/^Refusée : #1, « Chaos », par alice\./);
    expect(h.words(h.poster.sent.at(-1)!.reply)).toContain('Le mot des organisateurs : Bloc complet');
  });

  it('holds a pressed button or a submitted form to the command’s rule: organisers only', async () => {
    const h = await harness({ now: NOW });
    await h.run(direct('Chaos'), { id: 'alice', displayName: 'alice' });
    expect(
      h.words(await h.press('proposals', { action: 'accept', value: '1' }, { id: 'mallory', displayName: 'mallory' })),
    ).toContain('réservé aux organisateurs');
    expect(
      h.words(
        await h.submit(
          { formId: 'proposals:reject', values: {}, state: { id: '1' } },
          { id: 'mallory', displayName: 'mallory' },
        ),
      ),
    ).toContain('réservé aux organisateurs');
    expect((await h.ask('/propose mine', { id: 'alice', displayName: 'alice' })).words).toContain(
      'en attente de décision',
    );
  });
});

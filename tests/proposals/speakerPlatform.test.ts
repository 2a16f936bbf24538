import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/core/invocation.ts';
import { decodeProposal } from '../../src/proposals/model.ts';
import { MEETUP_13, NOW, organiser } from './support.ts';
import { harness } from '../support/harness.ts';

const V1 = {
  v: 1,
  id: 1,
  communityId: 'sre-paris',
  eventId: MEETUP_13,
  title: 'Chaos à la carte',
  abstract: 'Breaking things on purpose.',
  duration: 5,
  speaker: { memberId: 'alice', name: 'alice' },
  state: 'submitted',
  submittedAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  history: [{ action: 'submitted', by: 'alice', at: '2026-11-30T09:00:00.000Z' }],
};

describe('the speaker’s platform', () => {
  it('is kept with a proposal, and the decision goes by DM to that platform', async () => {
    const h = await harness({ now: NOW });
    const speaker: Member = { id: '9001', displayName: 'sam', roles: [] };
    await h.app.bot.handle({
      communityId: 'sre-paris',
      platform: 'discord',
      channelId: 'c1',
      member: speaker,
      command: 'propose',
      input: { kind: 'text', text: 'title:"Two minutes of YAML" abstract:"Indentation matters." duration:5' },
    });
    await h.run('/proposals accept 1', organiser);
    expect(h.poster.sent.map((sent) => ({ kind: sent.kind, target: sent.target }))).toEqual([
      { kind: 'dm', target: { communityId: 'sre-paris', platform: 'discord', memberId: '9001' } },
    ]);
  });

  it('reads a version 1 record as a console speaker, the only platform that wrote them', async () => {
    expect(decodeProposal(V1)).toEqual({
      ok: true,
      value: { ...V1, v: 2, speaker: { memberId: 'alice', name: 'alice', platform: 'console' } },
    });
    const h = await harness({ now: NOW });
    await h.app.services.store.namespace('proposals').set('p:sre-paris:1', V1);
    await h.app.services.store
      .namespace('proposals')
      .set(`event:sre-paris:${MEETUP_13}`, { v: 1, entries: [{ id: 1, state: 'submitted' }] });
    await h.run('/proposals accept 1', organiser);
    expect(h.poster.sent.map((sent) => sent.target)).toEqual([
      { communityId: 'sre-paris', platform: 'console', memberId: 'alice' },
    ]);
  });

  it('still refuses a version it does not know, and a version 1 record that is damaged', () => {
    expect(decodeProposal({ ...V1, v: 3 })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('schema version 3'),
    });
    expect(decodeProposal({ ...V1, title: 42 })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('title'),
    });
  });
});

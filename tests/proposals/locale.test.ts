import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { DmTarget } from '../../src/core/poster.ts';
import { consolePoster } from '../../src/platforms/console/poster.ts';
import { harness, NOW, organiser, spaced } from './support.ts';

const sam = { id: 'sam', displayName: 'sam', locale: 'en' as const };

function printed(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => spaced(text) };
}

describe('a notice to a speaker', () => {
  it('is wholly in the speaker’s language, its date included, whatever the community’s', async () => {
    const h = await harness({ now: NOW });
    await h.run('/propose title:"Two minutes of YAML" abstract:"Indentation matters." duration:5', sam);
    await h.run('/proposals accept 1', organiser);
    const notice = h.poster.sent[0]!;
    expect(notice.reply.locale).toBe('en');

    const out = printed();
    const poster = consolePoster(out.stream, h.app.communities, h.clock);
    await poster.dm(notice.target as DmTarget, notice.reply);
    expect(out.text()).toBe(
      '[DM to sam] Good news: your lightning talk “Two minutes of YAML” (5 min) is accepted for ' +
        '#13 Site Reliability Engineering Paris - Meetup de la nouvelle année, Wednesday, January 20, 2027, 7:00 PM. The programme: /agenda.\n',
    );
  });

  it('is in the community’s language for a speaker whose client sent none', async () => {
    const h = await harness({ now: NOW });
    await h.run('/propose title:"Chaos" abstract:"Pannes." duration:5', { id: 'lea', displayName: 'léa' });
    await h.run('/proposals accept 1', organiser);
    const out = printed();
    await consolePoster(out.stream, h.app.communities, h.clock).dm(
      { communityId: 'sre-paris', platform: 'console', memberId: 'lea' },
      h.poster.sent[0]!.reply,
    );
    expect(out.text()).toContain('[MP à lea] Bonne nouvelle : votre lightning talk « Chaos » (5 min) est accepté pour');
    expect(out.text()).toContain('le mercredi 20 janvier 2027, 19:00.');
  });
});

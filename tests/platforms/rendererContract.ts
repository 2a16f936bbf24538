import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { reply, type Reply } from '../../src/core/reply.ts';
import { link, literal, mention, plain, strong, time } from '../../src/core/text.ts';

/** What the contract needs to know of one platform's renderer. */
export interface RendererUnderTest<Out> {
  name: string;
  render(reply: Reply): Out;
  /** What a reader sees, markup and escapes removed. */
  visibleText(out: Out): string;
  /** Who would be notified: member ids, or `everyone`, `here`, `role:<id>`. */
  pings(out: Out): string[];
  /** The instants shown, as UNIX seconds, where the platform keeps them machine-readable (else undefined). */
  instants(out: Out): number[] | undefined;
  buttonCount(out: Out): number;
  /** Every platform limit the output breaks (empty when it fits). */
  limitProblems(out: Out): string[];
}

const AT = DateTime.fromISO('2019-09-18T19:00:00+02:00');
const HOSTILE = [
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<!channel>',
  '**bold** _it_ `code`',
];

/** One contract, every renderer: the same Reply in, an equivalent and safe Reply out. */
export function rendererContract<Out>(renderer: RendererUnderTest<Out>): void {
  describe(`renderer contract: ${renderer.name}`, () => {
    it('shows user and file text as typed, and never lets it ping', () => {
      const out = renderer.render(
        reply([{ type: 'text', text: HOSTILE.flatMap((h) => [plain(h), literal(' '), strong(h), literal(' ')]) }]),
      );
      const seen = renderer.visibleText(out);
      for (const hostile of HOSTILE) expect(seen).toContain(hostile);
      expect(renderer.pings(out)).toEqual([]);
    });

    it('pings exactly the members named by mention tokens', () => {
      const out = renderer.render(
        reply([{ type: 'text', text: [literal('Hello '), mention('223456789012345678', 'Ada'), plain(' @everyone')] }]),
      );
      expect(renderer.pings(out).filter((p) => p !== '223456789012345678')).toEqual([]);
      expect(renderer.visibleText(out)).toContain('@everyone');
    });

    it('keeps every block: heading, fields, list items with details, links and buttons', () => {
      const out = renderer.render(
        reply([
          { type: 'heading', text: [strong('Meetup #4')] },
          { type: 'fields', fields: [{ label: [literal('Venue')], value: [plain('Acme, 1 rue de Paris')] }] },
          {
            type: 'list',
            items: [{ text: [plain('Chaos à la carte')], detail: [plain('An abstract')] }, { text: [plain('Doors')] }],
          },
          { type: 'text', text: [link('https://example.org/live', 'Live stream')] },
          { type: 'actions', buttons: [{ action: 'abstract', value: '1', label: [literal('Abstract')] }] },
        ]),
      );
      const seen = renderer.visibleText(out);
      for (const piece of [
        'Meetup #4',
        'Venue',
        'Acme, 1 rue de Paris',
        'Chaos à la carte',
        'An abstract',
        'Doors',
        'Live stream',
      ])
        expect(seen).toContain(piece);
      expect(renderer.buttonCount(out)).toBe(1);
    });

    it('shows each instant as that instant', () => {
      const out = renderer.render(
        reply([{ type: 'text', text: [time(AT, 'datetime'), literal(' / '), time(AT.plus({ hours: 1 }), 'time')] }]),
      );
      const instants = renderer.instants(out);
      if (instants) expect(instants).toEqual([AT.toSeconds(), AT.toSeconds() + 3600]);
      else expect(renderer.visibleText(out)).toMatch(/19:00|7:00/);
    });

    it('fits the platform limits whatever the size of a programme', () => {
      const items = Array.from({ length: 120 }, (_, i) => ({
        text: [plain(`Talk ${i} ${'x'.repeat(300)}`)],
        detail: [plain('y'.repeat(3000))],
      }));
      const long = plain('z'.repeat(9000));
      const out = renderer.render(
        reply([
          { type: 'heading', text: [plain('h'.repeat(400))] },
          { type: 'text', text: [long] },
          { type: 'list', items },
        ]),
      );
      expect(renderer.limitProblems(out)).toEqual([]);
      expect(renderer.visibleText(out)).toContain('Talk 119');
    });
  });
}

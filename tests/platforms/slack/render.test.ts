import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { reply, say } from '../../../src/core/reply.ts';
import { link, literal, plain, strong, time } from '../../../src/core/text.ts';
import { slackRaw, slackRender } from './blockKit.ts';

const AT = DateTime.fromISO('2019-09-18T19:00:00+02:00');

describe('Slack Block Kit rendering', () => {
  it('writes times as date tokens whose fallback is in the community zone', () => {
    const paris = slackRaw(slackRender(say([time(AT, 'time')]), 'Europe/Paris'));
    const toronto = slackRaw(slackRender(say([time(AT, 'time')]), 'America/Toronto'));
    expect(paris).toBe(`<!date^${AT.toSeconds()}^{time}|7:00 PM>`);
    expect(toronto).toBe(`<!date^${AT.toSeconds()}^{time}|1:00 PM>`);
    expect(slackRaw(slackRender(say([time(AT, 'datetime')])))).toBe(
      `<!date^${AT.toSeconds()}^{date_long_pretty} {time}|Wednesday, September 18, 2019, 7:00 PM>`,
    );
  });

  it('escapes &, < and > in user text, bold and links, so nothing typed becomes a mention', () => {
    const out = slackRaw(
      slackRender(
        say([
          plain('<!channel> & <@U123>'),
          literal(' '),
          strong('<!here>'),
          literal(' '),
          link('https://x.org/?a=1&b=2', 'A & B'),
        ]),
      ),
    );
    expect(out).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; *&lt;!here&gt;* <https://x.org/?a=1&amp;b=2|A &amp; B>');
  });

  it('renders the agenda shapes: header, sections per slot with the abstract quoted, buttons', () => {
    const out = slackRender(
      reply([
        { type: 'heading', text: [plain('#4 SRE')] },
        {
          type: 'list',
          items: [{ text: [time(AT, 'time'), literal(' '), strong('Chaos')], detail: [plain('line 1\nline 2')] }],
        },
        { type: 'actions', buttons: [{ action: 'accept', value: '3', label: [literal('Accept')], style: 'primary' }] },
      ]),
    );
    expect(out).toHaveLength(1);
    expect(out[0]!.blocks.map((b) => b.type)).toEqual(['header', 'section', 'actions']);
    expect(out[0]!.blocks[1]).toMatchObject({
      text: { text: expect.stringMatching(/^• <!date\^\d+\^\{time\}\|7:00 PM> \*Chaos\*\n>line 1\n>line 2$/) },
    });
    expect(out[0]!.blocks[2]).toMatchObject({
      elements: [{ action_id: 'test:accept:3', style: 'primary', text: { text: 'Accept' } }],
    });
    expect(out[0]!.text).toBe('#4 SRE');
  });

  it('shows a header time in words, in the reply’s own language', () => {
    const out = slackRender({ ...reply([{ type: 'heading', text: [time(AT, 'date')] }]), locale: 'fr' });
    expect(slackRaw(out)).toBe('mercredi 18 septembre 2019');
  });
});

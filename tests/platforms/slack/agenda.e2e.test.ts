import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { signedHeaders } from '../../fakes/slack/index.ts';
import { blockText, SECRET, slackBot, type Mode, type SlackBot } from './support.ts';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const SEVEN_PM = DateTime.fromISO('2019-09-18T19:00:00', { zone: 'Europe/Paris' }).toSeconds();

describe.each<Mode>(['socket', 'http'])('/agenda on Slack (%s)', (mode) => {
  it('answers in its ack with the programme in Block Kit, times as date tokens with a Paris fallback', async () => {
    bot = await slackBot(mode, { now: '2019-09-01T12:00:00+02:00' });
    const ack = (await bot.command('/agenda', '4')) as { response_type: string; blocks: Array<{ type: string }> };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '#4 Site Reliability Engineering - Meetup de la rentrée' },
    });
    const text = blockText(ack);
    expect(text).toContain(`<!date^${SEVEN_PM}^{time}|7:00 PM>`);
    expect(text).toContain('Elastic Pod Controller');
    expect(ack.blocks.filter((b) => b.type === 'section').length).toBeGreaterThan(5);
  });

  it('answers /agenda now with the slot on and the next one', async () => {
    bot = await slackBot(mode, { now: '2019-09-18T19:35:00+02:00' });
    const text = blockText(await bot.command('/agenda', 'now'));
    expect(text).toContain('Adopter une posture de SRE');
    expect(text).toContain('Elastic Pod Controller');
  });

  it('replies in the member’s own language (users.info, asked once) and else the community’s', async () => {
    bot = await slackBot(mode, { now: '2019-09-01T12:00:00+02:00' });
    bot.fake.workspace.addUser({ id: 'U0NOLOC', name: 'noloc', locale: 'de-DE' });
    expect(blockText(await bot.command('/agenda', 'zzz', 'U0MEMBER'))).toMatch(/zzz/);
    const english = blockText(await bot.command('/agenda', 'zzz', 'U0MEMBER'));
    const french = blockText(await bot.command('/agenda', 'zzz', 'U0NOLOC'));
    expect(english).not.toEqual(french);
    expect(french).toMatch(/\u202f/);
    const lookups = bot.fake.calls('users.info').filter((c) => c.args.user === 'U0MEMBER');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.args.include_locale).toBeTruthy();
  });
});

describe('/agenda acked over HTTP', () => {
  it('is a JSON answer, the same bytes for every reader of the same programme', async () => {
    bot = await slackBot('http', { now: '2019-09-01T12:00:00+02:00' });
    const post = async () => {
      const body = new URLSearchParams(
        bot!.fake.slashCommand({ command: '/agenda', text: '4', user_id: 'U0MEMBER' }),
      ).toString();
      const response = await fetch(bot!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, { secret: SECRET }) },
        body,
      });
      return {
        type: response.headers.get('content-type'),
        length: response.headers.get('content-length'),
        text: await response.text(),
      };
    };
    const first = await post();
    const second = await post();
    // Slack shows a body without this type as plain text: the Block Kit would be lost.
    expect(first.type).toMatch(/^application\/json\b/);
    // Its length in bytes, not characters (the programme has accents and dashes), rather than chunks.
    expect(Number(first.length)).toBe(Buffer.byteLength(first.text));
    expect(Buffer.byteLength(first.text)).toBeGreaterThan(first.text.length);
    const parsed = JSON.parse(first.text) as { response_type: string; blocks: Array<{ type: string }> };
    expect(parsed.response_type).toBe('ephemeral');
    expect(parsed.blocks[0]?.type).toBe('header');
    expect(second).toEqual(first);
    // Shared, the same programme is acked to the channel.
    const shared = new URLSearchParams(
      bot.fake.slashCommand({ command: '/agenda', text: '4 share', user_id: 'U0MEMBER' }),
    ).toString();
    const answer = await fetch(bot.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(shared, { secret: SECRET }) },
      body: shared,
    });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(await answer.json()).toMatchObject({ response_type: 'in_channel' });
  });
});

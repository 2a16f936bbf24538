import { afterEach, describe, expect, it } from 'vitest';
import { say } from '../../../src/core/reply.ts';
import { literal, plain } from '../../../src/core/text.ts';
import { postCommand, textValues } from '../../fakes/slack/index.ts';
import { blockText, SECRET, slackBot, type Mode, type SlackBot } from './support.ts';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('signed requests over HTTP', () => {
  it.each([
    ['a forged signature', { signature: 'v0=' + '0'.repeat(64) }],
    ['a stale timestamp', { skewSeconds: -360 }],
    ['a timestamp from the future', { skewSeconds: 360 }],
  ])('answers 401 to %s and runs no handler', async (_name, sign) => {
    bot = await slackBot('http', { now: '2019-09-01T12:00:00+02:00' });
    const answer = await postCommand(bot.url, bot.fake.slashCommand({ command: '/agenda', text: '4' }), {
      secret: SECRET,
      ...sign,
    });
    expect(answer.status).toBe(401);
    expect(bot.fake.calls('users.info')).toEqual([]);
    expect(bot.fake.responses.entries).toEqual([]);
  });

  it('answers 401 to a body changed after signing', async () => {
    bot = await slackBot('http', { now: '2019-09-01T12:00:00+02:00' });
    const body = new URLSearchParams(bot.fake.slashCommand({ command: '/agenda', text: '4' })).toString();
    const { signedHeaders } = await import('../../fakes/slack/index.ts');
    const response = await fetch(bot.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body, { secret: SECRET }) },
      body: body.replace('text=4', 'text=7'),
    });
    expect(response.status).toBe(401);
    expect(bot.fake.calls('users.info')).toEqual([]);
  });
});

describe.each<Mode>(['socket', 'http'])('Slack guarantees (%s)', (mode) => {
  it('tells a workspace no community names what to add', async () => {
    bot = await slackBot(mode, { now: '2019-09-01T12:00:00+02:00', teamId: 'T0OTHER' });
    const text = blockText(await bot.command('/agenda'));
    expect(text).toContain('slack: { teamId: "T0FAKE" }');
  });

  it('round-trips /feedback through a modal, and sends the CSV export to the organiser by DM', async () => {
    bot = await slackBot(mode, { now: '2026-06-20T12:00:00+02:00', extraConfig: 'feedback: { minResponses: 1 }' });
    expect(await bot.command('/feedback')).toEqual({});
    await bot.fake.waitForCall('views.open');
    const values = {
      ...textValues({ worked: { value: 'Les démos & <!here>' } }),
      rating: { value: { type: 'static_select', selected_option: { value: '4' } } },
    };
    expect(await bot.interact(bot.fake.viewSubmission({ values }))).toEqual({});
    await bot.fake.waitForCall('chat.postEphemeral');

    const exported = blockText(await bot.command('/feedback', 'export 12', 'U0ORG'));
    expect(exported).toContain('.csv');
    const done = await bot.fake.waitForCall('files.completeUploadExternal');
    expect(done.args.channel_id).toBe(bot.fake.workspace.dmWith('U0ORG'));
    const upload = await bot.fake.uploads.waitFor(() => true, 'an upload', {});
    expect(upload.data.toString('utf8')).toContain('Les démos & <!here>');
  });

  it('posts as chat.postMessage with user text escaped, waiting out a 429 for its Retry-After', async () => {
    bot = await slackBot(mode, { now: '2019-09-01T12:00:00+02:00' });
    bot.fake.failNext('chat.postMessage', 'ratelimited', { retryAfterSeconds: 1 });
    const started = Date.now();
    await bot.running.app.services.poster.post(
      { communityId: 'sre-paris', platform: 'slack', channel: 'C0ANNOUNCE' },
      say([literal('Ce soir : '), plain('<!channel> & <@U0ORG>')]),
    );
    const posts = bot.fake.calls('chat.postMessage');
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(posts[1]!.args.channel).toBe('C0ANNOUNCE');
    expect(blockText(posts[1]!.args)).toBe('Ce soir : &lt;!channel&gt; &amp; &lt;@U0ORG&gt;');
  });
});

describe('Socket Mode', () => {
  it('reconnects after a disconnect and still answers', async () => {
    bot = await slackBot('socket', { now: '2019-09-01T12:00:00+02:00' });
    await bot.fake.socket.waitForConnection(1);
    bot.fake.socket.disconnect('refresh_requested');
    await bot.fake.socket.waitForConnection(2);
    expect(blockText(await bot.command('/agenda', '4'))).toContain('Elastic Pod Controller');
  });
});

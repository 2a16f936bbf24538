import { afterEach, describe, expect, it } from 'vitest';
import { blockText, slackBot, type SlackBot } from './support.ts';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('reminders on Slack', () => {
  it('posts a meetup reminder in the Slack announcements channel as chat.postMessage, and only there', async () => {
    bot = await slackBot('socket', { now: '2019-09-18T17:59:56+02:00', scheduler: true });
    const post = await bot.fake.waitForCall('chat.postMessage', {
      match: (c) => c.args.channel === 'C0ANNOUNCE',
      timeoutMs: 8_000,
    });
    expect(blockText(post.args)).toContain('#4 Site Reliability Engineering');
    expect(blockText(post.args)).toMatch(/<!date\^\d+\^/);
    await bot.running.stop();
    // No other channel was posted to: not the console's, and no failure notice to the organisers.
    expect(bot.fake.calls('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0ANNOUNCE']);
  });
});

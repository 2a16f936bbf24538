import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { say } from '../../src/core/reply.ts';
import { text } from '../../src/core/text.ts';
import { POST_EVENT_TYPE, slackPoster } from '../../src/platforms/slack/poster.ts';
import { renderForSlack } from '../../src/platforms/slack/render.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { botProcess, community, world } from '../announcements/support.ts';
import { FakeSlack } from '../fakes/slack/index.ts';

/**
 * Slack has no nonce: a keyed post carries its key as message metadata, and a post that may
 * already be out (a retry after a timeout, a claim taken over) is looked for in the channel's
 * history first. The real WebClient against the fake Slack.
 */
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const quiet: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

function posterOn(slack: FakeSlack) {
  const client = new webApi.WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: quiet,
  });
  return slackPoster({
    client,
    render: (_id, reply) => renderForSlack(reply, { zone: 'Europe/Paris', locale: 'en', buttonId: () => '' }),
  });
}

const CHANNEL = 'C0ANNOUNCE';
const inChannel = (slack: FakeSlack) => slack.workspace.messages.filter((message) => message.channel === CHANNEL);

describe('Slack poster idempotency', () => {
  it('carries the key as metadata, and does not post again what a previous process posted', async () => {
    const slack = (fake = await FakeSlack.start());
    const target = { communityId: 'paris', platform: 'slack' as const, channel: CHANNEL };
    await posterOn(slack).post(target, say(text('Doors open'), 'channel'), { idempotencyKey: 'paris:1:at@slack' });
    expect(inChannel(slack).map((message) => message.metadata)).toEqual([
      { event_type: POST_EVENT_TYPE, event_payload: { key: 'paris:1:at@slack', part: 0 } },
    ]);

    // A restarted process took the claim over: it looks before posting.
    const restarted = posterOn(slack);
    await restarted.post(target, say(text('Doors open'), 'channel'), {
      idempotencyKey: 'paris:1:at@slack',
      maybePosted: true,
    });
    await restarted.post(target, say(text('Talks start'), 'channel'), {
      idempotencyKey: 'paris:2:at@slack',
      maybePosted: true,
    });
    expect(inChannel(slack).map((message) => message.text)).toEqual(['Doors open', 'Talks start']);
    const lookups = slack.calls('conversations.history');
    expect(lookups.map((call) => call.args)).toEqual([
      expect.objectContaining({ channel: CHANNEL, include_all_metadata: 'true' }),
      expect.objectContaining({ channel: CHANNEL, include_all_metadata: 'true' }),
    ]);
    // A first attempt does not look: nothing could be there yet.
    await restarted.post(target, say(text('Break'), 'channel'), { idempotencyKey: 'paris:3:at@slack' });
    expect(slack.calls('conversations.history')).toHaveLength(2);
  });

  it('posts unchecked where the history cannot be read (a channel named, not yet posted to by this process)', async () => {
    const slack = (fake = await FakeSlack.start());
    await posterOn(slack).post(
      { communityId: 'paris', platform: 'slack', channel: '#annonces' },
      say(text('Hello'), 'channel'),
      { idempotencyKey: 'k', maybePosted: true },
    );
    expect(slack.calls('conversations.history')).toHaveLength(0);
    expect(slack.workspace.messages.map((message) => message.text)).toEqual(['Hello']);
  });

  it(
    'a post whose answer came too late is retried without a second message (scheduler, real timers)',
    { timeout: 20_000 },
    async () => {
      const slack = (fake = await FakeSlack.start());
      // Slack takes the post at once but answers after the scheduler's 0.5 s timeout.
      slack.delayNext('chat.postMessage', 1_500);
      const paris = community({
        slack: { teamId: 'T1', channels: { announcements: CHANNEL }, organisers: ['U0MEMBER'] },
        schedule: { retries: 2, retryDelay: 'PT0.1S', postTimeout: 'PT0.5S' },
      });
      const bot = botProcess(memoryStore(), world([{ community: paris }]), posterOn(slack), { platforms: ['slack'] });
      await bot.scheduler.start();
      try {
        const at = Date.now() + 300;
        const record = await bot.repository.create({
          communityId: 'paris',
          channel: CHANNEL,
          platform: 'slack',
          message: 'Hello',
          at,
          createdBy: 'org',
          createdAt: Date.now(),
          from: Date.now() - 1_000,
        });
        const key = `paris:${record.id}:${new Date(at).toISOString()}@slack`;
        let outcome = await bot.repository.outcome(key);
        for (let i = 0; i < 200 && !outcome; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          outcome = await bot.repository.outcome(key);
        }
        expect(outcome?.result).toBe('posted');
        // Let the late answer arrive too.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(inChannel(slack).map((message) => message.text)).toEqual(['Hello']);
        expect(slack.calls('conversations.history').length).toBeGreaterThanOrEqual(1);
      } finally {
        await bot.scheduler.stop();
      }
    },
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import { blockText, slackBot, slowStore, type Mode, type SlackBot } from './support.ts';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe.each<Mode>(['socket', 'http'])('a slow store on Slack (%s)', (mode) => {
  it('acks /agenda within 3 s whatever the store does, and answers on the response_url once it can', async () => {
    const delay = { ms: 0 };
    bot = await slackBot(mode, { now: '2019-09-01T12:00:00+02:00', store: slowStore(delay) });
    delay.ms = 4_000;
    const started = Date.now();
    expect(await bot.command('/agenda', '4')).toEqual({});
    expect(Date.now() - started).toBeLessThan(3_000);
    const answer = await bot.fake.waitForResponse({ timeoutMs: 8_000 });
    expect(answer.body.response_type).toBe('ephemeral');
    expect(blockText(answer.body)).toContain('Elastic Pod Controller');
  }, 15_000);

  it('acks a modal submission within 3 s whatever the store does, closing it, and answers the member once it can', async () => {
    const delay = { ms: 0 };
    bot = await slackBot(mode, { now: '2026-06-20T12:00:00+02:00', store: slowStore(delay) });
    await bot.command('/feedback');
    await bot.fake.waitForCall('views.open');
    // Past the 1.5 s the adapter waits for an answer to put in its ack; a submission reads several times.
    delay.ms = 2_000;
    const started = Date.now();
    const values = { rating: { value: { type: 'static_select', selected_option: { value: '5' } } } };
    expect(await bot.interact(bot.fake.viewSubmission({ values }))).toEqual({});
    expect(Date.now() - started).toBeLessThan(3_000);
    const answer = await bot.fake.waitForCall('chat.postEphemeral', { timeoutMs: 20_000 });
    expect(answer.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0MEMBER' });
  }, 30_000);
});

/** The Discord Poster through the running app: channels by name, idempotent posts, a channel deleted meanwhile. */
import { afterEach, describe, expect, it } from 'vitest';
import { UnknownChannelError } from '../../../src/core/poster.ts';
import { say } from '../../../src/core/reply.ts';
import { plain } from '../../../src/core/text.ts';
import { failOnUnhandledRejections } from '../../fakes/discord/index.ts';
import { startBot, type BotUnderTest } from './harness.ts';

failOnUnhandledRejections();

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const target = { communityId: 'sre-paris', platform: 'discord' as const, channel: 'annonces' };

describe('the Discord Poster', () => {
  it('posts once for one identity, even when asked twice', async () => {
    bot = await startBot();
    const poster = bot.running.app.services.poster;
    const reply = say([plain('Meetup ce soir @here')], 'channel');
    await poster.post(target, reply, { idempotencyKey: 'reminder:2027-01-20:PT1H' });
    await poster.post(target, reply, { idempotencyKey: 'reminder:2027-01-20:PT1H' });
    const shown = bot.fake.messages.inChannel(bot.announcements.id);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.mention_everyone).toBe(false);
  });

  it('says a channel deleted since start-up is unknown, so its schedule pauses instead of retrying', async () => {
    bot = await startBot();
    const channels = bot.fake.guild.channels;
    channels.splice(channels.indexOf(bot.announcements), 1);
    await expect(
      bot.running.app.services.poster.post(target, say([plain('Rappel')], 'channel')),
    ).rejects.toBeInstanceOf(UnknownChannelError);
  });
});

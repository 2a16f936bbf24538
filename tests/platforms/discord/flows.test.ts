/**
 * Feedback, autocomplete, a slow store, a scheduled announcement (with a 429 on the way) and a
 * Gateway reconnect, through the real Discord entry point against the fake Discord.
 */
import { InteractionResponseType, MessageFlags, type APIInteractionResponse } from 'discord-api-types/v10';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/core/clock.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';
import type { Store } from '../../../src/store/store.ts';
import { failOnUnhandledRejections } from '../../fakes/discord/index.ts';
import { slowStore, startBot, type BotUnderTest } from './harness.ts';

failOnUnhandledRejections();

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function message(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource)
    throw new Error(`expected a message, got ${InteractionResponseType[response.type]}`);
  return response.data ?? {};
}

/** The day after meetup #12 (17 June 2026, Paris): its feedback window is open. */
const dayAfter12 = () => fixedClock(DateTime.fromISO('2026-06-18T10:00', { zone: 'Europe/Paris' }));

describe('emcee on Discord: feedback, autocomplete, slow answers, scheduled posts, reconnects', () => {
  it('takes feedback through the modal: the rating as a select, the thanks only to the member', async () => {
    bot = await startBot({ clock: dayAfter12() });
    const opened = bot.fake.slashCommand({ name: 'feedback', subcommand: 'give' });
    const modal = await opened.modal();
    expect(JSON.stringify(modal.components)).toContain('"type":3'); // a string select for the rating
    const submitted = await bot.fake.submitModal(opened, { rating: ['4'], worked: 'Les démos en direct' });
    const thanks = message(await submitted.response());
    expect(JSON.stringify(thanks)).toMatch(/4\/5/);
    expect((thanks.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('gives organisers the feedback export as a CSV file, only to them', async () => {
    bot = await startBot({ clock: dayAfter12() });
    const { fake } = bot;
    const members = [fake.member, ...['ada2', 'ada3'].map((username) => fake.world.addUser({ username }))];
    for (const [index, user] of members.entries()) {
      if (index > 0) fake.world.addMember(fake.guild, user);
      await fake
        .slashCommand({ name: 'feedback', subcommand: 'give', options: { rating: 3 + index } }, { user })
        .response();
    }
    const exported = fake.slashCommand({ name: 'feedback', subcommand: 'export' }, { user: bot.organiser });
    const answer = message(await exported.response());
    expect((answer.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const callback = fake.rest.requests.items.find(
      (request) =>
        request.route === 'POST /interactions/:interaction/:token/callback' &&
        request.params.interaction === exported.payload.id,
    );
    expect(callback?.files).toEqual([expect.stringMatching(/^feedback-2026-06-17-meetup-12-.*\.csv$/)]);
  });

  it('suggests meetups for an event option, the upcoming one first', async () => {
    bot = await startBot({ clock: dayAfter12() });
    const handle = bot.fake.autocomplete({ name: 'agenda', options: { event: '' }, focused: 'event' });
    const response = await handle.response();
    if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult)
      throw new Error('expected autocomplete choices');
    const values = (response.data.choices ?? []).map((choice) => choice.value);
    expect(values[0]).toBe('2027-01-20-meetup-13');
    expect(values[1]).toBe('2026-06-17-meetup-12');
    expect(values.length).toBeLessThanOrEqual(25);
  });

  it('defers a slow answer with the declared visibility, then edits it in', async () => {
    const store = slowStore(memoryStore());
    bot = await startBot({ store, deferAfterMs: 200 });
    const handle = bot.fake.slashCommand({ name: 'agenda', options: { event: '4' } });
    const first = await handle.response();
    expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(first.type === InteractionResponseType.DeferredChannelMessageWithSource && first.data?.flags).toBe(
      MessageFlags.Ephemeral,
    );
    store.release();
    const edited = await handle.edit(0);
    expect(JSON.stringify(edited.embeds)).toContain('Adopter une posture de SRE');
  });

  it('offers a form that was not ready in time as a button that opens it, never a lost interaction', async () => {
    const store = slowStore(memoryStore(), false);
    bot = await startBot({ store, deferAfterMs: 200 });
    const { fake } = bot;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    await (await fake.submitModal(opened, { title: 'Chaos', abstract: 'Avec méthode.', duration: ['5'] })).response();
    store.hold();
    // The edit form reads the proposal first: held by the slow store, past the deferral.
    const editing = fake.slashCommand({ name: 'propose', subcommand: 'edit', options: { id: 1 } });
    const first = await editing.response();
    expect(first.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    store.release();
    const edited = await editing.edit(0);
    const button = JSON.stringify(edited.components);
    expect(button).toContain('"custom_id":"o:propose:');
  });

  it('answers even when keeping a form for its reopen button fails: a reply saying so, never silence', async () => {
    const inner = memoryStore();
    const store: Store = {
      ...inner,
      namespace: (name) => {
        const space = inner.namespace(name);
        if (name !== 'form-stash') return space;
        return new Proxy(space, {
          get: (target, property, receiver) =>
            property === 'set'
              ? async () => Promise.reject(new Error('disk full'))
              : Reflect.get(target, property, receiver),
        });
      },
    };
    bot = await startBot({ store });
    const opened = bot.fake.slashCommand({ name: 'propose', subcommand: 'new' });
    // Refused (a blank title), so the answer carries a button whose form must be kept in the store.
    const submitted = await bot.fake.submitModal(opened, { title: '   ', abstract: 'Avec méthode.', duration: ['5'] });
    const answer = message(await submitted.response());
    expect((answer.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(answer.content).toMatch(/try again/i);
  });

  it('on stop, finishes the interaction in hand before closing the client and the store', async () => {
    const store = slowStore(memoryStore());
    bot = await startBot({ store, deferAfterMs: 200 });
    const handle = bot.fake.slashCommand({ name: 'agenda', options: { event: '4' } });
    expect((await handle.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const stopping = bot.running.stop();
    // While the answer is pending the Gateway stays open (a negative check: bounded at 500 ms).
    const closedEarly = await bot.fake.gateway.closes
      .next(() => true, 500)
      .then(
        () => true,
        () => false,
      );
    expect(closedEarly).toBe(false);
    store.release();
    expect(JSON.stringify((await handle.edit(0)).embeds)).toContain('Adopter une posture de SRE');
    await stopping;
    expect((await bot.fake.gateway.closes.find()).closedWith?.by).toBe('client');
  });

  it('posts a scheduled announcement with a nonce, after a 429, mentioning nobody', async () => {
    bot = await startBot({ scheduler: true });
    const { fake } = bot;
    fake.faults.rateLimit('POST /channels/:channel/messages', { retryAfter: 0.3 });
    // Every second (node-cron's six fields), so the first run comes without waiting a minute.
    const created = message(
      await fake
        .slashCommand(
          {
            name: 'announce',
            subcommand: 'create',
            options: { cron: '* * * * * *', message: '@everyone <@&1234> : rendez-vous {next_event}' },
          },
          { user: bot.organiser },
        )
        .response(),
    );
    expect(JSON.stringify(created)).not.toMatch(/organis/i);
    const posted = await fake.messages.posted.find((item) => item.channelId === bot!.announcements.id, 10_000);
    expect(posted.body.nonce).toBeTruthy();
    expect(posted.body.enforce_nonce).toBe(true);
    expect(posted.body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(posted.message.mention_everyone).toBe(false);
    expect(posted.message.mention_roles).toEqual([]);
    const attempts = fake.rest.requests.items.filter(
      (request) =>
        request.route === 'POST /channels/:channel/messages' && request.params.channel === bot!.announcements.id,
    );
    expect(attempts.slice(0, 2).map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('answers an interaction sent while the Gateway asked the bot to reconnect (op 7), and is ready again after', async () => {
    bot = await startBot();
    const { fake } = bot;
    expect((await bot.running.app.ops.readiness.check()).reasons).toEqual([]);
    fake.gateway.requestReconnect();
    await fake.gateway.closes.next();
    const handle = fake.slashCommand({ name: 'agenda', options: { event: '4' } });
    await fake.gateway.resumes.next();
    expect(JSON.stringify(message(await handle.response()).embeds)).toContain('Adopter une posture de SRE');
    expect((await bot.running.app.ops.readiness.check()).reasons).toEqual([]);
  });

  it('is not ready while Discord has dropped the connection for good', async () => {
    bot = await startBot();
    bot.fake.gateway.close(4004);
    await bot.running.lost;
    expect((await bot.running.app.ops.readiness.check()).reasons).toEqual([
      expect.stringMatching(/^discord: Discord gateway/),
    ]);
  });
});

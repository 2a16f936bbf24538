/**
 * A lightning talk on Discord, end to end: /propose opens a modal, the member submits it, an
 * organiser accepts with the button of /proposals, the speaker is told by DM, /agenda shows the talk.
 */
import {
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIMessage,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { failOnUnhandledRejections } from '../../fakes/discord/index.ts';
import { MEMBER_PERMISSIONS } from '../../fakes/discord/world.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';
import { slowStore, startBot, type BotUnderTest } from './harness.ts';

failOnUnhandledRejections();

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function message(response: APIInteractionResponse) {
  if (
    response.type !== InteractionResponseType.ChannelMessageWithSource &&
    response.type !== InteractionResponseType.UpdateMessage
  ) {
    throw new Error(`expected a message, got ${InteractionResponseType[response.type]}`);
  }
  return response.data ?? {};
}

/** Every button of a message, with its custom_id and label. */
function buttons(shown: { components?: unknown[] }): Array<{ custom_id: string; label: string }> {
  return ((shown.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap((row) =>
    row.components.flatMap((component) =>
      component.type === ComponentType.Button && 'custom_id' in component
        ? [{ custom_id: component.custom_id, label: component.label ?? '' }]
        : [],
    ),
  );
}

const talk = { title: 'Chaos à la carte', abstract: 'Casser la prod exprès, mais avec méthode.', duration: '5' };

describe('emcee on Discord: lightning talks', () => {
  it('proposes in a modal, is accepted with the button, tells the speaker by DM, and shows the talk in /agenda', async () => {
    bot = await startBot();
    const { fake } = bot;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    const modal = await opened.modal();
    expect(modal.custom_id).toMatch(/^f:propose:/);
    const submitted = await fake.submitModal(opened, {
      title: talk.title,
      abstract: talk.abstract,
      duration: [talk.duration],
    });
    const saved = message(await submitted.response());
    expect(saved.content).toContain(talk.title);
    expect((saved.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const listed = fake.slashCommand({ name: 'proposals', subcommand: 'list' }, { user: bot.organiser });
    await listed.response();
    const list = listed.original()!;
    const accept = buttons(list).find((button) => button.custom_id.startsWith('b:proposals:accept:'));
    expect(accept).toBeDefined();

    const pressed = fake.pressButton(list, accept!.custom_id, { user: bot.organiser });
    const decided = await pressed.response();
    expect(decided.type).toBe(InteractionResponseType.UpdateMessage);
    const dm = await fake.messages.posted.find((posted) => fake.world.dmChannel(posted.channelId) !== undefined);
    expect(fake.world.dmChannel(dm.channelId)?.recipients?.[0]?.id).toBe(fake.member.id);
    expect(JSON.stringify(dm.body)).toContain(talk.title);

    const agenda = message(await fake.slashCommand({ name: 'agenda' }).response());
    expect(JSON.stringify(agenda)).toContain(talk.title);
  });

  it('defers a slow decision as an update of the list, then edits the list in place', async () => {
    const store = slowStore(memoryStore(), false);
    bot = await startBot({ store, deferAfterMs: 200 });
    const { fake } = bot;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    await (
      await fake.submitModal(opened, { title: talk.title, abstract: talk.abstract, duration: [talk.duration] })
    ).response();
    const listed = fake.slashCommand({ name: 'proposals', subcommand: 'list' }, { user: bot.organiser });
    await listed.response();
    const list = listed.original()!;
    const accept = buttons(list).find((button) => button.custom_id.startsWith('b:proposals:accept:'))!;
    store.hold();
    const pressed = fake.pressButton(list, accept.custom_id, { user: bot.organiser });
    expect((await pressed.response()).type).toBe(InteractionResponseType.DeferredMessageUpdate);
    store.release();
    const edited = await pressed.edit(0);
    expect(edited.id).toBe(list.id);
    expect(buttons(edited).some((button) => button.custom_id === accept.custom_id)).toBe(false);
  });

  it('declines with a reason typed in a modal opened from the button; the list is updated in place', async () => {
    bot = await startBot();
    const { fake } = bot;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    await (
      await fake.submitModal(opened, { title: talk.title, abstract: talk.abstract, duration: [talk.duration] })
    ).response();
    const listed = fake.slashCommand({ name: 'proposals', subcommand: 'list' }, { user: bot.organiser });
    await listed.response();
    const decline = buttons(listed.original()!).find((button) => button.custom_id.startsWith('b:proposals:reject:'))!;
    const pressed = fake.pressButton(listed.original() as APIMessage, decline.custom_id, { user: bot.organiser });
    const modal = await pressed.modal();
    const reasonField = JSON.stringify(modal.components).match(/"custom_id":"([a-z]+)"/)![1]!;
    const submitted = await fake.submitModal(pressed, { [reasonField]: 'Déjà présenté le mois dernier' });
    expect((await submitted.response()).type).toBe(InteractionResponseType.UpdateMessage);
    const dm = await fake.messages.posted.find((posted) => fake.world.dmChannel(posted.channelId) !== undefined);
    expect(JSON.stringify(dm.body)).toContain('Déjà présenté le mois dernier');
  });

  it('tells the organisers in their channel when the speaker’s DMs are closed (50007)', async () => {
    bot = await startBot();
    const { fake } = bot;
    fake.world.closedDms.add(fake.member.id);
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    await (
      await fake.submitModal(opened, { title: talk.title, abstract: talk.abstract, duration: [talk.duration] })
    ).response();
    const listed = fake.slashCommand({ name: 'proposals', subcommand: 'list' }, { user: bot.organiser });
    await listed.response();
    const accept = buttons(listed.original()!).find((button) => button.custom_id.startsWith('b:proposals:accept:'))!;
    await fake.pressButton(listed.original() as APIMessage, accept.custom_id, { user: bot.organiser }).response();
    const notice = await fake.messages.posted.find((posted) => posted.channelId === bot!.organisersChannel.id);
    expect(JSON.stringify(notice.body)).toContain(talk.title);
    const refusedDm = fake.rest.requests.items.find(
      (request) => request.route === 'POST /channels/:channel/messages' && request.status === 403,
    );
    expect(refusedDm).toBeDefined();
  });

  it('answers an invalid submission with the problem and a button that reopens the modal, filled in', async () => {
    bot = await startBot();
    const { fake } = bot;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    // Blank after trimming: the client lets it through, the bot must refuse it.
    const submitted = await fake.submitModal(opened, {
      title: '   ',
      abstract: talk.abstract,
      duration: [talk.duration],
    });
    const refused = message(await submitted.response());
    expect((refused.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const reopen = buttons(refused).find((button) => button.custom_id.startsWith('o:propose:'));
    expect(reopen).toBeDefined();

    const shown = submitted.original()!;
    const again = fake.pressButton(shown, reopen!.custom_id);
    const modal = await again.modal();
    const abstract = JSON.stringify(modal.components);
    expect(abstract).toContain(talk.abstract);
    expect(abstract).toContain('⚠');
    const fixed = await fake.submitModal(again, {
      title: talk.title,
      abstract: talk.abstract,
      duration: [talk.duration],
    });
    expect(message(await fixed.response()).content).toContain(talk.title);
  });

  it('shows @everyone and a role mention in a title as typed, pinging nobody', async () => {
    bot = await startBot();
    const { fake } = bot;
    const title = `@everyone <@&${bot.organiserRole.id}> venez !`;
    const opened = fake.slashCommand({ name: 'propose', subcommand: 'new' });
    const submitted = await fake.submitModal(opened, { title, abstract: talk.abstract, duration: [talk.duration] });
    await submitted.response();
    const listed = fake.slashCommand({ name: 'proposals', subcommand: 'list' }, { user: bot.organiser });
    await listed.response();
    for (const shown of [submitted.original()!, listed.original()!]) {
      expect(shown.mention_everyone).toBe(false);
      expect(shown.mention_roles).toEqual([]);
      expect(shown.mentions).toEqual([]);
      expect(JSON.stringify(shown)).toContain('everyone');
    }
  });

  it('refuses an organiser command to a member, with a reply only they see', async () => {
    bot = await startBot();
    const refused = message(await bot.fake.slashCommand({ name: 'proposals', subcommand: 'list' }).response());
    expect(refused.content).toMatch(/organis/i);
    expect((refused.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('takes a member who holds Manage Events (the permission that shows the command) as an organiser', async () => {
    bot = await startBot();
    const list = { name: 'proposals', subcommand: 'list' };
    const asMember = message(await bot.fake.slashCommand(list).response());
    const withPermission = { permissions: MEMBER_PERMISSIONS | PermissionFlagsBits.ManageEvents };
    const asOrganiser = message(await bot.fake.slashCommand(list, withPermission).response());
    expect(asMember.content).toMatch(/for the organisers of .* only/);
    expect(JSON.stringify(asOrganiser)).not.toMatch(/organisers of .* only/);
    expect(JSON.stringify(asOrganiser)).toMatch(/proposal/i);
  });
});

/**
 * The fake Discord proven against the real, unmodified discord.js client: a tiny bot written
 * here logs in, registers commands, answers interactions and posts, while the fake plays
 * Discord (and misbehaves on demand: 429, op 7, close codes).
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type Message,
} from 'discord.js';
import {
  InteractionContextType,
  InteractionResponseType,
  Locale,
  MessageFlags,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FakeDiscord,
  Recorded,
  SnowflakeGenerator,
  failOnUnhandledRejections,
  snowflakeDate,
  withTimeout,
} from './discord/index.ts';

const WAIT_MS = 5_000;

failOnUnhandledRejections();

const COMMANDS = [
  new SlashCommandBuilder().setName('ping').setDescription('Answers pong'),
  new SlashCommandBuilder().setName('propose').setDescription('Propose a lightning talk'),
  new SlashCommandBuilder()
    .setName('agenda')
    .setDescription('The next meetup')
    .addSubcommand((sub) =>
      sub
        .setName('show')
        .setDescription('Show one meetup')
        .addIntegerOption((option) => option.setName('event').setDescription('Meetup number').setAutocomplete(true))
        .addBooleanOption((option) => option.setName('slow').setDescription('Take your time')),
    ),
];

/** The tiny bot: every reply the fake must understand, written the discord.js-guide way. */
async function answer(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    await interaction.respond([{ name: `Meetup #${interaction.options.getFocused()}4`, value: 4 }]);
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
    await interaction.reply(`pong (${interaction.locale}, ${interaction.guild?.name})`);
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'propose') {
    const title = new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short).setMaxLength(80);
    const abstract = new TextInputBuilder()
      .setCustomId('abstract')
      .setStyle(TextInputStyle.Paragraph)
      .setRequired(false);
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId('propose-form')
        .setTitle('Lightning talk')
        .addLabelComponents(new LabelBuilder().setLabel('Title').setTextInputComponent(title))
        .addActionRowComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(abstract)),
    );
  } else if (interaction.isModalSubmit()) {
    const vote = new ButtonBuilder().setCustomId('vote').setLabel('Vote').setStyle(ButtonStyle.Primary);
    await interaction.reply({
      content: `Proposed: ${interaction.fields.getTextInputValue('title')}`,
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(vote)],
    });
  } else if (interaction.isButton()) {
    await interaction.update({ content: `${interaction.user.username} voted`, components: [] });
  } else if (interaction.isChatInputCommand() && interaction.commandName === 'agenda') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(
      `agenda for #${interaction.options.getInteger('event')} (${interaction.options.getSubcommand()})`,
    );
    await interaction.followUp({ content: 'See you there', flags: MessageFlags.Ephemeral });
  }
}

const running: { fake?: FakeDiscord; client?: Client } = {};

afterEach(async () => {
  await running.client?.destroy();
  await running.fake?.stop();
  running.client = undefined;
  running.fake = undefined;
});

function newClient(fake: FakeDiscord, intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds]): Client {
  const client = new Client({ intents, rest: { api: fake.apiUrl } });
  running.client = client;
  return client;
}

/** A fake, and a bot logged in to it that answers interactions, with its commands registered. */
async function started(options: Parameters<typeof FakeDiscord.start>[0] = {}) {
  const fake = await FakeDiscord.start(options);
  running.fake = fake;
  const client = newClient(fake);
  const botErrors = new Recorded<unknown>('an error in the bot');
  client.on(
    Events.InteractionCreate,
    (interaction) => void answer(interaction).catch((error: unknown) => botErrors.push(error)),
  );
  const ready = once(client, Events.ClientReady);
  await withTimeout(client.login(fake.token), WAIT_MS, 'login');
  await withTimeout(ready, WAIT_MS, 'clientReady');
  await withTimeout(client.application!.commands.set(COMMANDS, fake.guild.id), WAIT_MS, 'command registration');
  return { fake, client, botErrors };
}

function content(response: APIInteractionResponse): string | undefined {
  return 'data' in response && response.data && 'content' in response.data
    ? (response.data.content ?? undefined)
    : undefined;
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in: gateway/bot, IDENTIFY with token and intents, READY, then the guild from GUILD_CREATE', async () => {
    const { fake, client } = await started();
    expect(client.user?.id).toBe(fake.world.bot.id);
    expect(client.guilds.cache.get(fake.guild.id)?.name).toBe('SRE Paris');
    expect(client.guilds.cache.get(fake.guild.id)?.available).toBe(true);
    expect(client.channels.cache.get(fake.channel.id)?.isTextBased()).toBe(true);
    expect(fake.rest.requests.items[0]?.route).toBe('GET /gateway/bot');
    const identify = await fake.gateway.identifies.find();
    expect(identify).toMatchObject({ token: fake.token, intents: GatewayIntentBits.Guilds });
    expect(fake.gateway.connections.items[0]?.url).toBe('/?v=10&encoding=json');
    expect(fake.world.applicationId).toMatch(/^\d{17,19}$/);
  });

  it('records the bulk overwrite of guild commands and answers it with ids', async () => {
    const { fake, client } = await started();
    const overwrite = await fake.commands.overwrites.find();
    expect(overwrite.guildId).toBe(fake.guild.id);
    expect(overwrite.commands.map((command) => command.name)).toEqual(['ping', 'propose', 'agenda']);
    const application = await client.application!.fetch();
    expect(application.id).toBe(fake.world.applicationId);
    const registered = await client.application!.commands.fetch({ guildId: fake.guild.id });
    expect([...registered.keys()].sort()).toEqual(overwrite.commands.map((command) => command.id).sort());
  });

  it('refuses a command description Discord would refuse (over 100 characters)', async () => {
    const { client, fake } = await started();
    // Plain data, not a builder: the builder would refuse it before Discord does.
    const long = { name: 'long', description: 'Too long in French', descriptionLocalizations: { fr: 'é'.repeat(101) } };
    await expect(client.application!.commands.set([long], fake.guild.id)).rejects.toMatchObject({
      code: 50035,
      status: 400,
    });
    expect(fake.commands.list(fake.guild.id).map((command) => command.name)).toEqual(['ping', 'propose', 'agenda']);
  });

  it('answers a slash command with a message, the callback carrying no bot token', async () => {
    const { fake, botErrors } = await started();
    const ping = fake.slashCommand({ name: 'ping' }, { locale: Locale.French });
    const response = await ping.response();
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(content(response)).toBe('pong (fr, SRE Paris)');
    expect(ping.original()?.interaction_metadata?.id).toBe(ping.payload.id);
    const callback = await fake.rest.requests.find(
      (request) => request.route === 'POST /interactions/:interaction/:token/callback',
    );
    expect(callback.authorization).toBeUndefined();
    expect(botErrors.items).toEqual([]);
  });

  it('sends typed options and a subcommand, and a deferred reply is edited through @original', async () => {
    const { fake, botErrors } = await started();
    const agenda = fake.slashCommand({ name: 'agenda', subcommand: 'show', options: { event: 4 } });
    expect((await agenda.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edited = await agenda.edit(0);
    expect(edited.content).toBe('agenda for #4 (show)');
    expect(edited.flags).toBe(MessageFlags.Ephemeral);
    expect((await agenda.followUp(0)).content).toBe('See you there');
    const patch = await fake.rest.requests.find(
      (request) => request.route === 'PATCH /webhooks/:app/:token/messages/:message',
    );
    expect(patch.path.endsWith('/messages/%40original')).toBe(true);
    expect(() => fake.slashCommand({ name: 'agenda', subcommand: 'show', options: { event: 'four' } })).toThrow(
      /Integer/,
    );
    expect(botErrors.items).toEqual([]);
  });

  it('sends a slash command in the bot DM, for a global command offered there', async () => {
    const { fake, client } = await started();
    expect(() => fake.slashCommand({ name: 'ping' }, { dm: true })).toThrow(/never registered/);
    await client.application!.commands.set([
      {
        name: 'ping',
        description: 'Answers pong',
        contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      },
    ]);
    const ping = fake.slashCommand({ name: 'ping' }, { dm: true, locale: Locale.French });
    expect(content(await ping.response())).toBe('pong (fr, undefined)');
    expect(ping.original()?.channel_id).toBe(fake.world.dms.get(fake.member.id)?.id);
  });

  it('answers an autocomplete with choices', async () => {
    const { fake } = await started();
    const typing = fake.autocomplete({ name: 'agenda', subcommand: 'show', options: { event: '1' }, focused: 'event' });
    expect(await typing.response()).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Meetup #14', value: 4 }] },
    });
  });

  it('shows a modal, takes its submission, then a button on the reply updates the message', async () => {
    const { fake, botErrors } = await started();
    const propose = fake.slashCommand({ name: 'propose' });
    await expect(fake.submitModal(propose, { title: 'Chaos', nope: 'x' })).rejects.toThrow(/no field nope/);
    const submitted = await fake.submitModal(propose, { title: 'Chaos à la carte' });
    const reply = await submitted.response();
    expect(content(reply)).toBe('Proposed: Chaos à la carte');
    const posted = submitted.original();
    if (!posted) throw new Error('the modal reply made no message');
    const press = fake.pressButton(posted, 'vote');
    expect((await press.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(fake.messages.byId.get(posted.id)).toMatchObject({ content: 'ada voted', components: [] });
    expect(() => fake.pressButton(posted, 'vote')).toThrow(/no button/);
    expect(botErrors.items).toEqual([]);
  });

  it('answers a second callback for one interaction with 40060', async () => {
    const { fake, client } = await started();
    const seen = once(client, Events.InteractionCreate) as Promise<[Interaction]>;
    const ping = fake.slashCommand({ name: 'ping' });
    const [interaction] = await withTimeout(seen, WAIT_MS, 'the interaction');
    await ping.response();
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    // discord.js would refuse a second reply itself; pretend it did not, to reach Discord's rule.
    interaction.replied = false;
    await expect(interaction.reply('again')).rejects.toMatchObject({ code: 40060 });
  });

  it('delivers a channel post after a 429, waiting Retry-After', async () => {
    const { fake, client } = await started();
    fake.faults.rateLimit('POST /channels/:channel/messages', { retryAfter: 0.3 });
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const message = await withTimeout<Message>(channel.send('Reminder: meetup tonight'), WAIT_MS, 'the post');
    expect(message.content).toBe('Reminder: meetup tonight');
    const attempts = fake.rest.requests.items.filter((request) => request.route === 'POST /channels/:channel/messages');
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(300);
    expect(fake.messages.inChannel(fake.channel.id)).toHaveLength(1);
  });

  it('posts once for a repeated nonce with enforce_nonce', async () => {
    const { fake, client } = await started();
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const first = await channel.send({ content: 'Doors open at 19:00', nonce: 'reminder-42', enforceNonce: true });
    const again = await channel.send({ content: 'Doors open at 19:00', nonce: 'reminder-42', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(fake.messages.inChannel(fake.channel.id)).toHaveLength(1);
    expect(
      fake.rest.requests.items.filter((request) => request.route === 'POST /channels/:channel/messages'),
    ).toHaveLength(2);
  });

  it('computes who a post pings from allowed_mentions, as Discord does', async () => {
    const { fake, client } = await started();
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const text = `@everyone meet <@${fake.member.id}>`;
    await channel.send({ content: text, allowedMentions: { parse: [] } });
    await channel.send({ content: text, allowedMentions: { users: [fake.member.id] } });
    await channel.send(text);
    const pings = fake.messages
      .inChannel(fake.channel.id)
      .map((message) => [message.mention_everyone, message.mentions.map((user) => user.id)]);
    expect(pings).toEqual([
      [false, []],
      [false, [fake.member.id]],
      [true, [fake.member.id]],
    ]);
  });

  it('answers a callback that comes after the 3 s deadline with 10062 Unknown interaction', async () => {
    const { fake, botErrors } = await started({ callbackDeadlineMs: 100 });
    fake.faults.delay('POST /interactions/:interaction/:token/callback', 200);
    fake.slashCommand({ name: 'ping' });
    const late = await fake.rest.requests.find(
      (request) => request.route === 'POST /interactions/:interaction/:token/callback',
    );
    expect(late.status).toBe(404);
    expect(late.response).toEqual({ code: 10062, message: 'Unknown interaction' });
    expect(await botErrors.find()).toMatchObject({ code: 10062, status: 404 });
  });

  it('sends op 9 to a RESUME of a forgotten session, and the client identifies again', async () => {
    const { fake } = await started();
    fake.gateway.invalidateSession();
    fake.gateway.requestReconnect();
    // discord.js spaces IDENTIFYs 5 to 6.5 s apart (Discord's identify limit): wait that long.
    expect((await fake.gateway.identifies.nth(1, 10_000)).token).toBe(fake.token);
    expect(fake.gateway.resumes.items).toHaveLength(1);
    expect(content(await fake.slashCommand({ name: 'ping' }).response())).toMatch(/^pong/);
  });

  it('sends a DM, and refuses one to a member who closed their DMs with 50007', async () => {
    const { fake, client } = await started();
    const user = await client.users.fetch(fake.member.id);
    const sent = await user.send('Your talk was accepted');
    expect(fake.messages.inChannel(sent.channelId).map((message) => message.content)).toEqual([
      'Your talk was accepted',
    ]);
    fake.world.closedDms.add(fake.member.id);
    await expect(user.send('Your talk was accepted')).rejects.toMatchObject({ code: 50007, status: 403 });
    expect(fake.rest.requests.items.some((request) => request.route === 'POST /users/@me/channels')).toBe(true);
  });

  it('resumes after op 7 RECONNECT, replaying an interaction sent while the bot was away', async () => {
    const { fake, client } = await started();
    const resumed = once(client, Events.ShardResume);
    fake.gateway.requestReconnect();
    const closed = await fake.gateway.closes.next();
    expect(closed.closedWith).toEqual({ code: 4200, by: 'client' });
    const ping = fake.slashCommand({ name: 'ping' });
    const resume = await fake.gateway.resumes.next();
    expect(resume.session_id).toBe(fake.gateway.sessionId);
    await withTimeout(resumed, WAIT_MS, 'shardResume');
    expect(content(await ping.response())).toMatch(/^pong/);
    expect(content(await fake.slashCommand({ name: 'ping' }).response())).toMatch(/^pong/);
    expect(fake.gateway.identifies.items).toHaveLength(1);
  });

  it('acknowledges heartbeats, so the client never drops the connection as a zombie', async () => {
    const { fake, client } = await started({ heartbeatIntervalMs: 100 });
    expect(await fake.gateway.heartbeats.nth(2)).toBeGreaterThanOrEqual(1);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(fake.gateway.connections.items).toHaveLength(1);
  });

  it('rejects login with a token Discord does not know: REST answers 401', async () => {
    const fake = await FakeDiscord.start();
    running.fake = fake;
    const client = newClient(fake);
    await expect(withTimeout(client.login('not-the-token'), WAIT_MS, 'login')).rejects.toMatchObject({
      code: 'TokenInvalid',
    });
    expect(fake.rest.requests.items.map((request) => request.status)).toEqual([401]);
  });

  it('rejects login when the Gateway closes with 4004 at IDENTIFY, and the error is seen', async () => {
    const fake = await FakeDiscord.start();
    running.fake = fake;
    fake.gateway.refuseNextIdentify(4004);
    const client = newClient(fake);
    const shardErrors: Error[] = [];
    client.on(Events.ShardError, (error) => shardErrors.push(error));
    await expect(withTimeout(client.login(fake.token), WAIT_MS, 'login')).rejects.toThrow('Authentication failed');
    expect((await fake.gateway.closes.find()).closedWith).toEqual({ code: 4004, by: 'server' });
    expect(shardErrors.map((error) => error.message)).toEqual(['Authentication failed']);
  });

  it('closes with 4014 when a privileged intent was not granted', async () => {
    const fake = await FakeDiscord.start();
    running.fake = fake;
    const client = newClient(fake, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers]);
    await expect(withTimeout(client.login(fake.token), WAIT_MS, 'login')).rejects.toThrow(/disallowed intents/i);
    expect((await fake.gateway.closes.find()).closedWith).toEqual({ code: 4014, by: 'server' });
  });
});

describe('snowflakes', () => {
  it('are 17 to 19 digits, unique and increasing even within one millisecond, and tell their date', () => {
    const at = Date.UTC(2026, 5, 1);
    const ids = new SnowflakeGenerator(1n, () => at);
    const made = Array.from({ length: 5000 }, () => ids.next());
    expect(made.every((id) => /^\d{17,19}$/.test(id))).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    expect(made.every((id, index) => index === 0 || BigInt(id) > BigInt(made[index - 1]!))).toBe(true);
    expect(snowflakeDate(made[0]!).getTime()).toBe(at);
  });
});

/** Login, command registration and /agenda through the real Discord entry point, against the fake Discord. */
import {
  GatewayIntentBits,
  InteractionResponseType,
  Locale,
  MessageFlags,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { deployCommands } from '../../../src/cli/deployCommands.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { failOnUnhandledRejections } from '../../fakes/discord/index.ts';
import { startBot, type BotUnderTest } from './harness.ts';

failOnUnhandledRejections();

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function data(response: APIInteractionResponse) {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource)
    throw new Error(`expected a message, got ${InteractionResponseType[response.type]}`);
  return response.data;
}

const unix = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toSeconds();

describe('emcee on Discord: login, registration, /agenda', () => {
  it('logs in with the Guilds intent only and registers every command in the configured guild', async () => {
    bot = await startBot();
    const identify = await bot.fake.gateway.identifies.find();
    expect(identify.intents).toBe(GatewayIntentBits.Guilds);
    const overwrite = await bot.fake.commands.overwrites.find();
    expect(overwrite.guildId).toBe(bot.fake.guild.id);
    expect(overwrite.commands.map((command) => command.name)).toEqual(commands.map((command) => command.name));
    expect(overwrite.commands.find((command) => command.name === 'agenda')?.description_localizations?.fr).toBeTruthy();
  });

  it('answers /agenda 4 with the programme: embed fields, <t:…> instants of the seed event', async () => {
    bot = await startBot();
    const answer = data(await bot.fake.slashCommand({ name: 'agenda', options: { event: '4' } }).response());
    const embeds = answer?.embeds ?? [];
    const shown = JSON.stringify(embeds);
    expect(embeds[0]?.title).toMatch(/#4/);
    // 19:30 Paris on 18 September 2019: "Adopter une posture de SRE".
    expect(shown).toContain(`<t:${unix('2019-09-18T19:30')}:`);
    expect(shown).toContain('Adopter une posture de SRE');
    expect(embeds.flatMap((embed) => embed.fields ?? []).length).toBeGreaterThan(0);
  });

  it('sends the programme as rendered, API-shaped: discord.js does not rebuild its embeds and buttons key by key', async () => {
    bot = await startBot();
    const { options } = bot.running.client;
    const convert = options.jsonTransformer!;
    const rebuilt: unknown[] = [];
    options.jsonTransformer = (json) => {
      const sent = convert(json);
      if (sent !== json) rebuilt.push(json);
      return sent;
    };
    const answer = data(await bot.fake.slashCommand({ name: 'agenda', options: { event: '4' } }).response());
    expect(rebuilt).toEqual([]);
    expect((answer?.embeds ?? []).flatMap((embed) => embed.fields ?? []).length).toBeGreaterThan(0);
    const buttons = (answer?.components ?? []).flatMap((row): unknown[] =>
      'components' in row ? row.components : [],
    ) as Array<{ custom_id?: string }>;
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.every((button) => (button.custom_id ?? '').length > 0)).toBe(true);
  });

  it('answers /agenda now, at the time the clock says, in the member’s language', async () => {
    bot = await startBot({ clock: fixedClock(DateTime.fromISO('2019-09-18T19:35', { zone: 'Europe/Paris' })) });
    const handle = bot.fake.slashCommand({ name: 'agenda', options: { event: 'now' } }, { locale: Locale.French });
    const answer = data(await handle.response());
    const shown = JSON.stringify(answer);
    expect(shown).toContain('Adopter une posture de SRE');
    expect(shown).toContain('En ce moment');
    const english = JSON.stringify(
      data(
        await bot.fake
          .slashCommand({ name: 'agenda', options: { event: 'now' } }, { locale: Locale.EnglishGB })
          .response(),
      ),
    );
    expect(english).toContain('On now');
    expect((answer?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  it('tells a server that is not configured what to add, politely and only to the member', async () => {
    bot = await startBot();
    const other = bot.fake.world.addGuild('Elsewhere');
    bot.fake.world.addMember(other, bot.fake.member);
    // Registered globally, the commands show in every server the bot is in, configured or not.
    const env = { DISCORD_TOKEN: bot.fake.token, DISCORD_API_URL: bot.fake.apiUrl, EMCEE_CONFIG: bot.configDir };
    expect(await deployCommands(['--global'], { env, out: () => {}, err: () => {} })).toBe(0);
    const answer = data(
      await bot.fake.slashCommand({ name: 'agenda' }, { guild: other, channel: other.channels[0]! }).response(),
    );
    expect(answer?.content).toContain(`guildId: "${other.id}"`);
    expect(answer?.content).toContain('config/communities/');
    expect((answer?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});

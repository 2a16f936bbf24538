/**
 * `npm run deploy-commands [-- --global] [--print] [--config DIR]`: tells Discord about emcee's
 * slash commands, generated from commands/. Guild-scoped by default, for each guild configured in
 * config/communities (changes show at once); `--global` for every server the bot is in; `--print`
 * writes the JSON instead of calling Discord.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { ConfigError, hasErrors, loadConfig } from '../config/load.ts';
import { formatProblem } from '../config/problems.ts';
import { commandsJson } from '../platforms/discord/registration.ts';

export interface DeployIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE =
  'usage: npm run deploy-commands -- [--global] [--print] [--config DIR]   (DISCORD_TOKEN, optional DISCORD_API_URL)';

export async function deployCommands(argv: string[], io: DeployIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { global: { type: 'boolean' }, print: { type: 'boolean' }, config: { type: 'string' } },
    strict: true,
  });
  const body = commandsJson(commands);
  if (values.print) {
    io.out(JSON.stringify(body, null, 2));
    return 0;
  }
  const token = io.env.DISCORD_TOKEN;
  if (!token)
    return fail(
      io,
      `DISCORD_TOKEN is not set: the bot token from the Bot tab of your application in the Discord Developer Portal.\n${USAGE}`,
    );
  const guilds = values.global ? [] : await configuredGuilds(values.config ?? io.env.EMCEE_CONFIG ?? 'config');
  if (!values.global && guilds.length === 0)
    return fail(io, 'no community has discord.guildId in config/communities/*.yaml: add it, or use --global');
  const rest = new REST(io.env.DISCORD_API_URL ? { api: io.env.DISCORD_API_URL } : {}).setToken(token);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  if (values.global) {
    await rest.put(Routes.applicationCommands(application.id), { body });
    io.out(`${body.length} commands registered globally (Discord may take up to an hour to show changes)`);
  }
  for (const guild of guilds) {
    await rest.put(Routes.applicationGuildCommands(application.id, guild.guildId), { body });
    io.out(`${body.length} commands registered in guild ${guild.guildId} (${guild.community})`);
  }
  return 0;
}

async function configuredGuilds(configDir: string): Promise<Array<{ community: string; guildId: string }>> {
  const config = await loadConfig(configDir);
  if (hasErrors(config.problems)) throw new ConfigError(config.problems);
  return config.communities.flatMap(({ community }) =>
    community.discord?.guildId ? [{ community: community.id, guildId: community.discord.guildId }] : [],
  );
}

function fail(io: DeployIo, message: string): number {
  io.err(message);
  return 1;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const io: DeployIo = { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) };
  try {
    process.exitCode = await deployCommands(process.argv.slice(2), io);
  } catch (error) {
    if (error instanceof ConfigError) io.err(error.problems.map(formatProblem).join('\n'));
    else io.err(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

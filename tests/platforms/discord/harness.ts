/**
 * emcee on Discord, end to end: the fake Discord, a copy of the sample configuration pointing at
 * the fake's guild, the commands registered by the real deploy-commands, and the bot started by
 * the real Discord entry point (runDiscord: the adapter `emcee start` runs, alone on one bot).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRole, APIUser } from 'discord-api-types/v10';
import { deployCommands } from '../../../src/cli/deployCommands.ts';
import type { Clock } from '../../../src/core/clock.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { runDiscord, type RunningDiscord } from '../../../src/platforms/discord/run.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';
import type { Store } from '../../../src/store/store.ts';
import { FakeDiscord, withTimeout } from '../../fakes/discord/index.ts';
import type { GuildTextChannel } from '../../fakes/discord/world.ts';

export const WAIT_MS = 5_000;

export interface BotUnderTest {
  fake: FakeDiscord;
  running: RunningDiscord;
  store: Store;
  configDir: string;
  announcements: GuildTextChannel;
  organisersChannel: GuildTextChannel;
  organiserRole: APIRole;
  organiser: APIUser;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  store?: Store;
  deferAfterMs?: number;
  scheduler?: boolean;
}

/** A configuration folder like config/, with the sample community on the fake's guild. */
export function configFor(fake: FakeDiscord): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-discord-'));
  cpSync(path.resolve('config'), dir, { recursive: true });
  const file = path.join(dir, 'communities', 'sre-paris.yaml');
  const discord = [
    'discord:',
    `  guildId: "${fake.guild.id}"`,
    '  channels: { announcements: annonces, organisers: organisateurs }',
    '  organiserRoles: [Organisateurs]',
  ].join('\n');
  writeFileSync(file, `${readFileSync(file, 'utf8')}\n${discord}\n`);
  return dir;
}

export async function startBot(options: StartOptions = {}): Promise<BotUnderTest> {
  const fake = await FakeDiscord.start();
  const announcements = fake.world.addChannel(fake.guild, 'annonces');
  const organisersChannel = fake.world.addChannel(fake.guild, 'organisateurs');
  const organiserRole = fake.world.addRole(fake.guild, 'Organisateurs');
  const organiser = fake.world.addUser({ username: 'grace', globalName: 'Grace' });
  fake.world.addMember(fake.guild, organiser, [organiserRole]);
  const configDir = configFor(fake);
  const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, EMCEE_CONFIG: configDir };
  const errors: string[] = [];
  const code = await deployCommands([], { env, out: () => {}, err: (line) => errors.push(line) });
  if (code !== 0) throw new Error(`deploy-commands failed: ${errors.join('\n')}`);
  const store = options.store ?? memoryStore();
  const running = await withTimeout(
    runDiscord({
      token: fake.token,
      apiUrl: fake.apiUrl,
      configDir,
      clock: options.clock ?? systemClock,
      logger: silentLogger,
      store,
      scheduler: options.scheduler ?? false,
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    }),
    WAIT_MS,
    'the bot to log in',
  );
  return {
    fake,
    running,
    store,
    configDir,
    announcements,
    organisersChannel,
    organiserRole,
    organiser,
    async stop() {
      await running.stop();
      await fake.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** A store whose reads wait, while held, until the test lets them go: an answer that cannot be ready in time. */
export function slowStore(inner: Store, held = true): Store & { hold(): void; release(): void } {
  let release = () => {};
  let gate = Promise.resolve();
  const hold = () => {
    gate = new Promise<void>((resolve) => (release = resolve));
  };
  if (held) hold();
  return {
    ...inner,
    kind: inner.kind,
    namespace: (name) => {
      const space = inner.namespace(name);
      return new Proxy(space, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== 'get' && property !== 'getMany')
            return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            await gate;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    hold,
    release: () => release(),
  } as Store & { hold(): void; release(): void };
}

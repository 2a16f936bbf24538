import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { BotAdapter } from '../../src/core/adapter.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Ops } from '../../src/ops/ops.ts';
import { startOpsServer, type OpsServer } from '../../src/ops/server.ts';
import { runAdapters, type RunningAdapters } from '../../src/runAdapters.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { StoreUnavailableError } from '../../src/store/storeErrors.ts';
import { recordingLogger } from '../store/recordingLogger.ts';
import { freePort } from '../support/redisServer.ts';

let server: OpsServer | undefined;
let running: RunningAdapters | undefined;
afterEach(async () => {
  await running?.stop();
  await server?.close();
  [running, server] = [undefined, undefined];
});

async function get(path: string): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(`http://127.0.0.1:${server!.port}${path}`);
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

/** A store whose backend can be switched off (every call fails as the store layer says) or made to hang. */
function switchableStore(): { store: Store; mode: { now: 'up' | 'down' | 'hang' } } {
  const mode = { now: 'up' as 'up' | 'down' | 'hang' };
  const io = new Set([
    'lease',
    'claim',
    'settle',
    'release',
    'increment',
    'commit',
    'counters',
    'get',
    'getMany',
    'set',
    'setMany',
    'delete',
    'has',
  ]);
  const switchable = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (property === 'namespace')
          return (name: string) => switchable((value as (n: string) => object).call(object, name));
        if (typeof value !== 'function' || !io.has(String(property)))
          return typeof value === 'function' ? value.bind(object) : value;
        return (...args: unknown[]) => {
          if (mode.now === 'down')
            return Promise.reject(new StoreUnavailableError('memory', new Error('connection refused')));
          if (mode.now === 'hang') return new Promise(() => undefined);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return { store: switchable(memoryStore()), mode };
}

function adapter(connection: { state: true | string }, started?: Promise<void>): BotAdapter {
  return {
    platform: 'discord',
    bind: () => undefined,
    start: async () => void (await started),
    stop: async () => undefined,
    connected: () => connection.state,
    poster: { post: async () => undefined, dm: async () => undefined },
  };
}

const member = { id: 'u1', displayName: 'Ada', roles: [] };

describe('the operator endpoint', () => {
  it('says alive at once, ready only once the store answers and the platform has connected, and why not otherwise', async () => {
    const ops = new Ops({ processMetrics: false });
    server = await startOpsServer(ops, { port: 0 });
    expect(await get('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect(await get('/readyz')).toMatchObject({ status: 503, body: expect.stringContaining('store: not open yet') });

    let connect!: () => void;
    const connection = { state: true as true | string };
    const { store, mode } = switchableStore();
    const starting = runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: silentLogger,
      store,
      ops,
      scheduler: false,
      adapters: [adapter(connection, new Promise((resolve) => (connect = resolve)))],
    });
    await expect.poll(async () => (await get('/readyz')).body).toContain('discord: not connected');
    connect();
    running = await starting;
    expect(await get('/readyz')).toMatchObject({ status: 200, body: 'ready\n' });

    connection.state = 'gateway closed (1006), reconnecting';
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: expect.stringContaining('discord: gateway closed (1006), reconnecting'),
    });
    connection.state = true;
    mode.now = 'down';
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: expect.stringContaining('store: the memory store is unavailable (connection refused)'),
    });
    mode.now = 'hang';
    expect(await get('/readyz')).toMatchObject({
      status: 503,
      body: expect.stringContaining('did not answer within 1000 ms'),
    });
    mode.now = 'up';
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('counts commands by name, platform and outcome with their latency, and store errors, in Prometheus format', async () => {
    const ops = new Ops({ processMetrics: false });
    server = await startOpsServer(ops, { port: 0 });
    const { store, mode } = switchableStore();
    running = await runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: silentLogger,
      store,
      ops,
      scheduler: false,
      adapters: [adapter({ state: true })],
    });
    const bot = running.app.bot;
    const communityId = [...bot.communities.keys()][0]!;
    const ask = (command: string, text: string) =>
      bot.handle({ communityId, platform: 'discord', channelId: 'c1', member, command, input: { kind: 'text', text } });
    await ask('agenda', '4');
    await ask('agenda', '4');
    await ask('propose', 'mine');
    mode.now = 'down';
    await ask('propose', 'mine');

    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain; version=0.0.4');
    expect(metrics.body).toContain('emcee_commands_total{command="agenda",platform="discord",outcome="ok"} 2');
    expect(metrics.body).toContain('emcee_commands_total{command="propose mine",platform="discord",outcome="ok"} 1');
    expect(metrics.body).toContain(
      'emcee_commands_total{command="propose mine",platform="discord",outcome="store_unavailable"} 1',
    );
    expect(metrics.body).toContain('emcee_command_duration_seconds_count{command="agenda",platform="discord"} 2');
    expect(metrics.body).toMatch(/emcee_store_errors_total\{backend="memory"\} [1-9]/);
    expect(metrics.body).toContain('emcee_source_fetches_total{outcome="failed"} 0');
    expect(metrics.body).toContain('emcee_scheduled_posts_total{result="missed"} 0');
  });

  it('counts scheduled posts and how late each was handed to the platform', async () => {
    const ops = new Ops({ processMetrics: false });
    server = await startOpsServer(ops, { port: 0 });
    let posted!: () => void;
    const done = new Promise<void>((resolve) => (posted = resolve));
    const consoleAdapter: BotAdapter = {
      ...adapter({ state: true }),
      platform: 'console',
      poster: { post: async () => posted(), dm: async () => undefined },
    };
    running = await runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      ops,
      adapters: [consoleAdapter],
    });
    const now = Date.now();
    const communityId = [...running.app.communities.keys()][0]!;
    await running.app.services.announcements.create({
      communityId,
      channel: 'annonces',
      platform: 'console',
      message: 'hello',
      at: now + 200,
      createdBy: 'u1',
      createdAt: now,
      from: now,
    });
    await done;
    await expect
      .poll(async () => (await get('/metrics')).body)
      .toContain('emcee_scheduled_posts_total{result="posted"} 1');
    expect((await get('/metrics')).body).toContain('emcee_firing_lateness_seconds_count 1');
  });

  it('counts source fetches by outcome', async () => {
    const ops = new Ops({ processMetrics: false });
    server = await startOpsServer(ops, { port: 0 });
    const dir = mkdtempSync(path.join(tmpdir(), 'emcee-ops-sources-'));
    mkdirSync(path.join(dir, 'communities'));
    mkdirSync(path.join(dir, 'events', 'rennes'), { recursive: true });
    // Nothing listens there: the fetch fails at once.
    const url = `http://127.0.0.1:${await freePort()}/schedule.json`;
    writeFileSync(
      path.join(dir, 'communities', 'rennes.yaml'),
      `name: Rennes\ntimezone: Europe/Paris\nlocale: en\nchannels: { organisers: orga }\nsources:\n  - ${url}\n`,
    );
    running = await runAdapters({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      ops,
      adapters: [adapter({ state: true })],
    });
    await expect
      .poll(async () => (await get('/metrics')).body)
      .toContain('emcee_source_fetches_total{outcome="failed"} 1');
  });

  it('serves each community’s calendar feed at /calendar/<community>.ics', async () => {
    const ops = new Ops({ processMetrics: false });
    server = await startOpsServer(ops, { port: 0 });
    running = await runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: silentLogger,
      store: memoryStore(),
      ops,
      scheduler: false,
      adapters: [adapter({ state: true })],
    });
    const id = [...running.app.communities.keys()][0]!;
    const feed = await get(`/calendar/${id}.ics`);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.body).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);
    expect((await get('/calendar/nowhere.ics')).status).toBe(404);
  });

  it('logs each command with its own interaction id, outcome and duration', async () => {
    const log = recordingLogger();
    running = await runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: log.logger,
      store: memoryStore(),
      ops: new Ops({ processMetrics: false }),
      scheduler: false,
      adapters: [adapter({ state: true })],
    });
    const bot = running.app.bot;
    const communityId = [...bot.communities.keys()][0]!;
    for (let i = 0; i < 2; i++)
      await bot.handle({
        communityId,
        platform: 'slack',
        channelId: 'c1',
        member,
        command: 'agenda',
        input: { kind: 'text', text: '4' },
      });
    const answered = log.records.filter((record) => record.msg === 'command answered') as unknown as Array<
      Record<string, unknown>
    >;
    expect(answered.map(({ command, platform, outcome }) => ({ command, platform, outcome }))).toEqual([
      { command: 'agenda', platform: 'slack', outcome: 'ok' },
      { command: 'agenda', platform: 'slack', outcome: 'ok' },
    ]);
    expect(answered.every((record) => typeof record.interaction === 'string' && typeof record.ms === 'number')).toBe(
      true,
    );
    expect(new Set(answered.map((record) => record.interaction)).size).toBe(2);
  });

  it('gives a failed command one interaction id, in its failure record and in its answered record', async () => {
    const log = recordingLogger();
    const { store, mode } = switchableStore();
    running = await runAdapters({
      configDir: 'config',
      clock: systemClock,
      logger: log.logger,
      store,
      ops: new Ops({ processMetrics: false }),
      scheduler: false,
      adapters: [adapter({ state: true })],
    });
    const bot = running.app.bot;
    const communityId = [...bot.communities.keys()][0]!;
    mode.now = 'down';
    await bot.handle({
      communityId,
      platform: 'discord',
      channelId: 'c1',
      member,
      command: 'propose',
      input: { kind: 'text', text: 'mine' },
    });
    const records = log.records as unknown as Array<Record<string, unknown>>;
    const failed = records.find((record) => record.msg === 'command failed: store unavailable');
    const answered = records.find((record) => record.msg === 'command answered');
    expect(answered).toMatchObject({ command: 'propose mine', platform: 'discord', outcome: 'store_unavailable' });
    expect(typeof failed?.interaction).toBe('string');
    expect(answered?.interaction).toBe(failed?.interaction);
  });
});

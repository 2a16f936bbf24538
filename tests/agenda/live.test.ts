import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventFolder } from '../../src/agenda/live/folder.ts';
import { createApp, type App } from '../../src/app.ts';
import { startScheduler } from '../../src/announcements/runtime.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { testPoster } from '../announcements/support.ts';

const COMMUNITY = `name: Live Meetup
timezone: Europe/Paris
locale: en
channels: { announcements: annonces, organisers: orga }
reminders: { before: [P1D], doorsOpen: false, feedback: false }
`;
const page = (title: string, date: string) =>
  `---\ntitle: "${title}"\ndate: ${date}\n---\n* 19h00-20h00 : Talk - Jane Roe\n`;

async function configWith(files: Record<string, string>): Promise<{ dir: string; events: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-live-'));
  const events = path.join(dir, 'events', 'live');
  await mkdir(path.join(dir, 'communities'), { recursive: true });
  await mkdir(events, { recursive: true });
  await writeFile(path.join(dir, 'communities', 'live.yaml'), COMMUNITY);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(events, name), text);
  return { dir, events };
}

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  vi.useRealTimers();
});

/** Resolves at the next reading of the community's agenda, or fails after `ms`. */
function nextChange(live: App, ms = 10_000): Promise<unknown> {
  return Promise.race([
    once(live.agendas, 'changed'),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no agenda change within ${ms} ms`)), ms).unref()),
  ]);
}

describe('live event folders', () => {
  it('a file rewritten, added or removed while the bot runs updates /agenda without a restart', async () => {
    const { dir, events } = await configWith({
      'a.md': page('#1 A', '2027-04-03T19:00'),
      'b.md': page('#2 B', '2027-05-05T19:00'),
    });
    const poster = testPoster();
    app = await createApp({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      poster: () => poster,
      store: memoryStore(),
    });
    await app.agendas.start();
    const agenda = () => app!.services.agenda('live');
    expect(agenda().find('1')?.start.toISO()).toBe('2027-04-03T17:00:00.000Z');

    let changed = nextChange(app);
    await writeFile(path.join(events, 'a.md'), page('#1 A', '2027-04-10T19:00'));
    await changed;
    expect(agenda().find('1')?.start.toISO()).toBe('2027-04-10T17:00:00.000Z');

    changed = nextChange(app);
    await writeFile(path.join(events, 'c.yaml'), 'title: "#3 C"\ndate: 2027-06-02 19:00\n');
    await changed;
    expect(agenda().find('3')?.id).toBe('c');

    changed = nextChange(app);
    await rm(path.join(events, 'b.md'));
    await changed;
    expect(agenda().find('2')).toBeUndefined();
    expect(
      agenda()
        .all()
        .map((event) => event.id),
    ).toEqual(['a', 'c']);
  });

  it('sees Hugo page bundles: an index.md rewritten in its folder, and a bundle folder made first and filled after', async () => {
    const { dir, events } = await configWith({});
    await mkdir(path.join(events, 'meetup-1'));
    await writeFile(path.join(events, 'meetup-1', 'index.md'), page('#1 A', '2027-04-03T19:00'));
    app = await createApp({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      poster: () => testPoster(),
      store: memoryStore(),
    });
    await app.agendas.start();
    const agenda = () => app!.services.agenda('live');
    expect(agenda().find('1')?.id).toBe('meetup-1');

    let changed = nextChange(app);
    await writeFile(path.join(events, 'meetup-1', 'index.md'), page('#1 A', '2027-04-10T19:00'));
    await changed;
    expect(agenda().find('1')?.start.toISO()).toBe('2027-04-10T17:00:00.000Z');

    changed = nextChange(app);
    await mkdir(path.join(events, 'meetup-2'));
    await changed;
    changed = nextChange(app);
    await writeFile(path.join(events, 'meetup-2', 'index.md'), page('#2 B', '2027-05-05T19:00'));
    await changed;
    expect(
      agenda()
        .all()
        .map((event) => event.id),
    ).toEqual(['meetup-1', 'meetup-2']);
  });

  it('a file saved broken keeps its last good version beside the good ones; organisers hear it once', async () => {
    const { dir, events } = await configWith({
      'a.md': page('#1 A', '2027-04-03T19:00'),
      'b.yaml': 'title: "#2 B"\ndate: 2027-05-05 19:00\n',
    });
    const poster = testPoster();
    app = await createApp({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      poster: () => poster,
      store: memoryStore(),
    });
    await app.agendas.start();

    let changed = nextChange(app);
    await writeFile(path.join(events, 'b.yaml'), 'title: "#2 B\ndate: 2027-05-12 19:00\n');
    await changed;
    const agenda = () => app!.services.agenda('live');
    expect(agenda().find('2')?.start.toISO()).toBe('2027-05-05T17:00:00.000Z');
    expect(poster.posted).toHaveLength(1);
    expect(poster.posted[0]).toMatchObject({ channel: 'orga' });
    expect(poster.posted[0]!.text).toContain('b.yaml can no longer be read: line 3: this is not valid YAML');
    expect(poster.posted[0]!.text).toContain('keeps its last good version');

    // Another file changes: the good one is read again, the broken one is not told about twice.
    changed = nextChange(app);
    await writeFile(path.join(events, 'a.md'), page('#1 A', '2027-04-10T19:00'));
    await changed;
    expect(agenda().find('1')?.start.toISO()).toBe('2027-04-10T17:00:00.000Z');
    expect(agenda().find('2')?.start.toISO()).toBe('2027-05-05T17:00:00.000Z');
    expect(poster.posted).toHaveLength(1);

    // Fixed: its new version replaces the old one.
    changed = nextChange(app);
    await writeFile(path.join(events, 'b.yaml'), 'title: "#2 B"\ndate: 2027-05-12 19:00\n');
    await changed;
    expect(agenda().find('2')?.start.toISO()).toBe('2027-05-12T17:00:00.000Z');
  });

  it('a folder that disappears (replaced by a checkout) keeps the agenda as last read', async () => {
    const { dir, events } = await configWith({ 'a.md': page('#1 A', '2027-04-03T19:00') });
    app = await createApp({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      poster: () => testPoster(),
      store: memoryStore(),
    });
    const [folder] = app.agendas.parts('live') as [EventFolder];
    await rm(events, { recursive: true });
    await folder.reload();
    expect(
      app.services
        .agenda('live')
        .all()
        .map((event) => event.id),
    ).toEqual(['a']);
  });

  it('moves a meetup’s reminder when its file is rewritten while the scheduler runs', async () => {
    vi.useFakeTimers({
      now: new Date('2027-04-01T00:00:00Z'),
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    const { dir, events } = await configWith({ 'a.md': page('#1 A', '2027-04-03T19:00') });
    const poster = testPoster();
    app = await createApp({
      configDir: dir,
      clock: systemClock,
      logger: silentLogger,
      poster: () => poster,
      store: memoryStore(),
    });
    const scheduler = await startScheduler(app, systemClock, { EMCEE_SCHEDULER_POLL_MS: '3600000' });
    try {
      let seen = false;
      void once(app.agendas, 'changed').then(() => (seen = true));
      await writeFile(path.join(events, 'a.md'), page('#1 A', '2027-04-06T19:00'));
      // The watcher's event arrives on a real I/O turn; the debounce runs on the fake clock.
      // Bounded in real time (performance is not faked): 10 s at most.
      for (const until = performance.now() + 10_000; !seen && performance.now() < until;) {
        await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(50);
      }
      expect(seen).toBe(true);
      await vi.advanceTimersByTimeAsync(7 * 86_400_000);
      expect(poster.posted.map((p) => p.key)).toEqual(['live:reminder:a:before-P1D:2027-04-05T17:00:00.000Z']);
    } finally {
      await scheduler.stop();
    }
  });
});

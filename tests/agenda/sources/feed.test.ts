import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceFeed } from '../../../src/agenda/sources/feed.ts';
import { createApp, type App } from '../../../src/app.ts';
import { fixedClock, systemClock } from '../../../src/core/clock.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';
import type { Store } from '../../../src/store/store.ts';
import { testPoster } from '../../announcements/support.ts';
import { ROOT } from '../../support/cli.ts';

const PRETALX = readFileSync(path.join(ROOT, 'tests/fixtures/formats/pretalx-schedule.json'), 'utf8');
const SESSIONIZE = readFileSync(path.join(ROOT, 'tests/fixtures/formats/sessionize-all.json'), 'utf8');
const meetupFeed = (date: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    'UID:m42@groups.example',
    'DTSTAMP:20270101T000000Z',
    `DTSTART;TZID=Europe/Paris:${date}T190000`,
    `DTEND;TZID=Europe/Paris:${date}T220000`,
    'SUMMARY:#42 Rennes SRE',
    'DESCRIPTION:19:00 Accueil\\n19:15 SLOs in practice - Camille Martin',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

/** A local schedule server: answers each path with what `routes` says now, honouring ETags. */
class ScheduleServer {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  routes = new Map<string, { status: number; body?: string; etag?: string; type?: string }>();
  private server: Server = createServer((request, response) => {
    this.requests.push({ path: request.url ?? '', headers: request.headers });
    const route = this.routes.get(request.url ?? '') ?? { status: 404 };
    if (route.status === 200 && route.etag && request.headers['if-none-match'] === route.etag)
      return void response.writeHead(304).end();
    response.writeHead(route.status, {
      ...(route.etag ? { etag: route.etag } : {}),
      ...(route.type ? { 'content-type': route.type } : {}),
    });
    response.end(route.body ?? '');
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function configWith(sources: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-sources-'));
  await mkdir(path.join(dir, 'communities'), { recursive: true });
  await mkdir(path.join(dir, 'events', 'rennes'), { recursive: true });
  await writeFile(
    path.join(dir, 'communities', 'rennes.yaml'),
    `name: Rennes\ntimezone: Europe/Paris\nlocale: en\nchannels: { organisers: orga }\nsources:\n${sources}`,
  );
  await writeFile(path.join(dir, 'events', 'rennes', 'local.yaml'), 'title: "#41 Local"\ndate: 2027-01-13 19:00\n');
  return dir;
}

const apps: App[] = [];
let server: ScheduleServer;
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await server?.close();
});

async function boot(dir: string, store: Store, poster = testPoster()) {
  const app = await createApp({
    configDir: dir,
    clock: systemClock,
    logger: silentLogger,
    poster: () => poster,
    store,
  });
  apps.push(app);
  const feeds = app.agendas.parts('rennes').filter((part): part is SourceFeed => part instanceof SourceFeed);
  return {
    app,
    poster,
    feeds,
    ids: () =>
      app.services
        .agenda('rennes')
        .all()
        .map((event) => event.id),
  };
}

describe('agenda sources', () => {
  it('a pretalx schedule, a Sessionize endpoint and a Meetup iCal feed join the folder’s meetups; an unchanged one costs a 304', async () => {
    server = new ScheduleServer();
    const base = await server.listen();
    server.routes.set('/cnrd-2026/schedule/export/schedule.json', { status: 200, body: PRETALX, etag: '"v1"' });
    server.routes.set('/rennes-sre/events/ical/', {
      status: 200,
      body: meetupFeed('20270210'),
      type: 'text/calendar; charset=utf-8',
    });
    server.routes.set('/api/v2/abcd1234/view/All', {
      status: 200,
      body: SESSIONIZE,
      type: 'application/json; charset=utf-8',
    });
    const dir = await configWith(
      `  - ${base}/cnrd-2026/schedule/export/schedule.json\n  - url: ${base}/rennes-sre/events/ical/\n    every: PT5M\n  - ${base}/api/v2/abcd1234/view/All\n`,
    );
    const { feeds, ids, app } = await boot(dir, memoryStore());
    expect(ids()).toEqual(['local']);
    expect(await Promise.all(feeds.map((feed) => feed.refresh()))).toEqual(['changed', 'changed', 'changed']);
    expect(
      app.services
        .agenda('rennes')
        .find('2026-11-19')
        ?.slots.map((slot) => slot.title),
    ).toContain('Kubernetes upgrades on a Friday');
    const count = ids().length;
    expect(count).toBeGreaterThanOrEqual(5);
    expect(
      app.services
        .agenda('rennes')
        .find('42')
        ?.slots.map((slot) => slot.title),
    ).toEqual(['Accueil', 'SLOs in practice']);
    expect(app.services.agenda('rennes').find('2026-10-07')?.title).toContain('Cloud Native Rennes Days');

    expect(await feeds[0]!.refresh()).toBe('unchanged');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(ids()).toHaveLength(count);
  });

  it('an unchanged feed (304) is read again after a day, so a repeating meetup’s occurrences follow the clock', async () => {
    server = new ScheduleServer();
    const base = await server.listen();
    const monthly = meetupFeed('20100112').replace('DESCRIPTION:', 'RRULE:FREQ=MONTHLY;BYDAY=2TU\r\nDESCRIPTION:');
    server.routes.set('/monthly.ics', { status: 200, body: monthly, etag: '"m1"', type: 'text/calendar' });
    const clock = fixedClock(DateTime.fromISO('2012-03-01T12:00:00Z'));
    const app = await createApp({
      configDir: await configWith(`  - ${base}/monthly.ics\n`),
      clock,
      logger: silentLogger,
      poster: () => testPoster(),
      store: memoryStore(),
    });
    apps.push(app);
    const [feed] = app.agendas.parts('rennes').filter((part): part is SourceFeed => part instanceof SourceFeed);
    const next = () => app.services.agenda('rennes').next(clock.now())?.start.toISODate();
    expect(await feed!.refresh()).toBe('changed');
    expect(next()).toBe('2012-03-13');
    clock.set(DateTime.fromISO('2012-03-01T18:00:00Z'));
    expect(await feed!.refresh()).toBe('unchanged');
    // Three years on, the schedule unchanged (304): read again all the same, around the new date.
    clock.set(DateTime.fromISO('2015-06-01T12:00:00Z'));
    expect(await feed!.refresh()).toBe('changed');
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"m1"');
    expect(next()).toBe('2015-06-09');
  });

  it('a source that fails keeps its last good copy, tells the organisers once, then recovers; a restart reads the stored copy', async () => {
    server = new ScheduleServer();
    const base = await server.listen();
    const feedPath = '/rennes-sre/events/ical/';
    server.routes.set(feedPath, { status: 200, body: meetupFeed('20270210'), type: 'text/calendar' });
    const dir = await configWith(`  - url: ${base}${feedPath}\n    tellAfter: 2\n`);
    const store = memoryStore();
    const { feeds, ids, poster, app } = await boot(dir, store);
    const [feed] = feeds;
    expect(await feed!.refresh()).toBe('changed');
    expect(ids()).toEqual(['local', expect.stringMatching(/2027-02-10/)]);

    server.routes.set(feedPath, { status: 503 });
    expect(await feed!.refresh()).toBe('failed');
    expect(poster.posted).toEqual([]);
    server.routes.set(feedPath, { status: 200, body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n', type: 'text/calendar' });
    expect(await feed!.refresh()).toBe('failed');
    expect(await feed!.refresh()).toBe('failed');
    expect(ids()).toHaveLength(2);
    expect(poster.posted.map((p) => p.channel)).toEqual(['orga']);
    expect(poster.posted[0]!.text).toContain(`The source ${base}${feedPath} has failed 2 times in a row`);

    server.routes.set(feedPath, { status: 200, body: meetupFeed('20270217'), type: 'text/calendar' });
    expect(await feed!.refresh()).toBe('changed');
    expect(app.services.agenda('rennes').find('42')?.start.toISO()).toBe('2027-02-17T18:00:00.000Z');
    expect(poster.posted.map((p) => p.text)).toEqual([
      expect.stringContaining('failed 2 times'),
      expect.stringContaining('answers again'),
    ]);

    // Restarted while the source is down: the stored copy answers /agenda.
    await server.close();
    server = new ScheduleServer();
    await server.listen();
    const again = await boot(dir, store);
    expect(again.app.services.agenda('rennes').find('42')?.start.toISO()).toBe('2027-02-17T18:00:00.000Z');
    expect(await again.feeds[0]!.refresh()).toBe('failed');
    expect(again.app.services.agenda('rennes').find('42')).toBeDefined();
  });
});

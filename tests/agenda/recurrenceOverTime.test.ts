import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { EventFolder } from '../../src/agenda/live/folder.ts';
import { loadConfig } from '../../src/config/load.ts';
import { fixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { harness, type Harness } from '../support/harness.ts';

/** A community whose only event file is a calendar repeating every second Tuesday since 2010. */
async function monthlyCommunity(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'emcee-rehearsal-'));
  await mkdir(path.join(root, 'communities'));
  await mkdir(path.join(root, 'events', 'sre-rennes'), { recursive: true });
  await writeFile(
    path.join(root, 'communities', 'sre-rennes.yaml'),
    'name: SRE Rennes\ntimezone: Europe/Paris\nlocale: en\norganisers: { users: [] }\nchannels: { announcements: general }\n',
  );
  const calendar = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    'BEGIN:VEVENT',
    'UID:monthly@rennes.example.org',
    'DTSTAMP:20100101T000000Z',
    'DTSTART;TZID=Europe/Paris:20100112T190000',
    'DTEND;TZID=Europe/Paris:20100112T220000',
    'RRULE:FREQ=MONTHLY;BYDAY=2TU',
    'SUMMARY:SRE Rennes monthly',
    'LOCATION:La Cantine',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  await writeFile(path.join(root, 'events', 'sre-rennes', 'monthly.ics'), calendar);
  return root;
}

describe('a rehearsal clock and a repeating calendar', () => {
  let bot: Harness | undefined;
  afterEach(async () => bot?.app.close());

  it('reads the occurrences around the app’s clock, not around the machine’s', async () => {
    // Years before the machine's date: only the app's clock brings these occurrences within reach.
    bot = await harness({ now: '2012-03-01T12:00:00+01:00', configDir: await monthlyCommunity() });
    const { words } = await bot.ask('/agenda');
    expect(words).toContain('SRE Rennes monthly');
    expect(words).toContain('La Cantine');
    expect(words).toContain('2012-03-13 19:00');
  });
});

describe('a bot left running with a repeating calendar', () => {
  it('reads its folder again on its own, so the occurrences follow the clock without any file change', async () => {
    const clock = fixedClock(DateTime.fromISO('2012-03-01T12:00:00Z'));
    const config = await loadConfig(await monthlyCommunity(), { now: clock.now() });
    const [{ community, events }] = config.communities as [(typeof config.communities)[number]];
    const nextAfter = (list: readonly { id: string; start: DateTime }[]) =>
      list.filter((event) => event.start > clock.now()).sort((a, b) => +a.start - +b.start)[0]?.id;
    let read: () => void = () => {};
    const folder = new EventFolder({
      community,
      initial: events,
      tell: async () => {},
      logger: silentLogger,
      clock,
      rereadEveryMs: 20,
      changed: () => read(),
    });
    await folder.start();
    try {
      expect(nextAfter(folder.events)).toBe('monthly-2012-03-13');
      // Three years on, far beyond the 400 days read around the first reading.
      clock.set(DateTime.fromISO('2015-06-01T12:00:00Z'));
      // A reading already under way read the old time: wait for at most a few more.
      for (let i = 0; i < 5 && nextAfter(folder.events) !== 'monthly-2015-06-09'; i++)
        await new Promise<void>((resolve) => (read = resolve));
      expect(nextAfter(folder.events)).toBe('monthly-2015-06-09');
    } finally {
      await folder.stop();
    }
  });
});

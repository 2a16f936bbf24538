import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli.ts';
import { harness } from '../../support/harness.ts';

const GOLDEN = path.join(ROOT, 'tests', 'agenda', 'golden');

/** How the console writes a whole programme: what /agenda says is checked on the neutral reply (tests/agenda/agendaCommand.test.ts). */
describe('the console’s rendering of /agenda', () => {
  it.each([
    ['4', 'fr'],
    ['4', 'en'],
    ['7', 'fr'],
    ['7', 'en'],
  ] as const)('shows meetup #%s in %s as the golden output', async (ref, locale) => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const text = await bot.say(`/agenda ${ref}`, { locale });
    await expect(text).toMatchFileSnapshot(path.join(GOLDEN, `meetup-${ref}.${locale}.txt`));
  });

  it('shows slot times in the reader’s language', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    expect(await bot.say('/agenda 4', { locale: 'en' })).toContain('7:15 PM–7:30 PM');
    expect(await bot.say('/agenda 4')).toContain('19:15–19:30');
  });

  it('counts days to the next meetup across a DST change in the community zone', async () => {
    const bot = await harness({
      now: '2026-03-26T19:00:00+01:00',
      configDir: path.join(ROOT, 'tests', 'fixtures', 'dst'),
    });
    expect(await bot.say('/agenda now')).toMatch(/a lieu dans 3 jours \(dimanche 29 mars 2026, 19:00\)/);
  });

  it('says how far off the next meetup is, in words, then its date', async () => {
    const bot = await harness({ now: '2027-01-17T19:00:00+01:00' });
    expect(await bot.say('/agenda now')).toMatch(
      /Pas de meetup en ce moment\. Le prochain, #13 .*, a lieu dans 3 jours \(mercredi 20 janvier 2027, 19:00\)\./,
    );
    expect(await bot.say('/agenda now', { locale: 'en' })).toMatch(
      /is in 3 days \(Wednesday, January 20, 2027, 7:00 PM\)/,
    );
    const dstEve = await harness({
      now: '2026-03-28T17:20:00Z',
      configDir: path.join(ROOT, 'tests', 'fixtures', 'dst'),
    });
    expect(await dstEve.say('/agenda now')).toMatch(/a lieu dans 1 jour/);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.ts';
import { harness } from '../support/harness.ts';

const GOLDEN = path.join(ROOT, 'tests', 'agenda', 'golden');

describe('/agenda on the sample community', () => {
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

  it('shows the next meetup by default, in the community language', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const text = await bot.say('/agenda');
    expect(text).toMatch(/^== #13 /);
    expect(text).toContain('mercredi 20 janvier 2027, 19:00');
    expect(text).not.toContain('a eu lieu');
  });

  it('finds a meetup by date and by id, and says when one took place', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    expect(await bot.say('/agenda 2019-09-18')).toContain('Ce meetup a eu lieu le mercredi 18 septembre 2019.');
    expect(await bot.say('/agenda 2020-09-30-meetup-7')).toContain('Datacenter Unplugged');
  });

  it('answers an unknown meetup with the ways to ask, keeping what was typed', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const text = await bot.say('/agenda 99', { locale: 'en' });
    expect(text).toContain('I can’t find the meetup “99”');
    expect(text).toMatch(/Known: .*#4.*#7/);
  });

  it('shows slot times in the reader’s language', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    expect(await bot.say('/agenda 4', { locale: 'en' })).toContain('7:15 PM–7:30 PM');
    expect(await bot.say('/agenda 4')).toContain('19:15–19:30');
  });
});

describe('/agenda now', () => {
  it('gives the slot on and the next one during an evening', async () => {
    const bot = await harness({ now: '2019-09-18T19:35:00+02:00' });
    const text = await bot.say('/agenda now');
    expect(text).toMatch(/En ce moment\u202f: 19:30–19:40 {2}Adopter une posture de SRE — Rénald/);
    expect(text).toMatch(/Ensuite\u202f: 19:40–20:00 {2}Elastic Pod Controller — Florian Grignon/);
  });

  it('says it is the last slot at the end of the evening', async () => {
    const bot = await harness({ now: '2019-09-18T20:30:00+02:00' });
    expect(await bot.say('/agenda now', { locale: 'en' })).toMatch(/On now: .*Apéro[\s\S]*That is the last slot/);
  });

  it('says when the next meetup is outside an evening', async () => {
    const bot = await harness({ now: '2027-01-17T19:00:00+01:00' });
    expect(await bot.say('/agenda now')).toMatch(/Pas de meetup en ce moment\. Le prochain, #13 .*, a lieu dans 3 jours \(mercredi 20 janvier 2027, 19:00\)\./);
    expect(await bot.say('/agenda now', { locale: 'en' })).toMatch(/is in 3 days \(Wednesday, January 20, 2027, 7:00 PM\)/);
  });

  it('follows the Paris spring change: the 19:20 slot on the DST day is 17:20 UTC', async () => {
    const bot = await harness({ now: '2026-03-29T17:20:00Z', configDir: path.join(ROOT, 'tests', 'fixtures', 'dst') });
    expect(await bot.say('/agenda now')).toMatch(/En ce moment\u202f: 19:15–19:45 {2}Error budgets after the clocks change/);
    // The day before, at the same UTC instant, it is an hour earlier in Paris: nothing on yet.
    const before = await harness({ now: '2026-03-28T17:20:00Z', configDir: path.join(ROOT, 'tests', 'fixtures', 'dst') });
    expect(await before.say('/agenda now')).toMatch(/a lieu dans 1 jour/);
  });

  it('counts days across a DST change in the community zone', async () => {
    const bot = await harness({ now: '2026-03-26T19:00:00+01:00', configDir: path.join(ROOT, 'tests', 'fixtures', 'dst') });
    expect(await bot.say('/agenda now')).toMatch(/a lieu dans 3 jours \(dimanche 29 mars 2026, 19:00\)/);
  });

  it('follows the Toronto fall change: 6:15 PM on 1 November 2026 is 23:15 UTC', async () => {
    const configDir = path.join(ROOT, 'tests', 'fixtures', 'dst');
    const bot = await harness({ now: '2026-11-01T23:15:00Z', configDir, community: 'toronto' });
    expect(await bot.say('/agenda now')).toMatch(/On now: 6:00 PM–6:30 PM {2}Greetings/);
  });

  it('offers a button per talk with an abstract, whose answer shows the whole abstract to the reader alone', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const programme = await bot.run('/agenda 4', { locale: 'en' });
    const buttons = programme.kind === 'reply' ? programme.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : [])) : [];
    expect(buttons.map((button) => [button.action, button.value])).toEqual([
      ['abstract', '2019-09-18-meetup-4:2'],
      ['abstract', '2019-09-18-meetup-4:3'],
      ['abstract', '2019-09-18-meetup-4:4'],
    ]);
    expect(bot.app.bot.planAct('agenda', 'abstract')).toBe('ephemeral');
    const answer = await bot.press('agenda', buttons[1]!, { locale: 'en' });
    expect(answer.kind === 'reply' && answer.visibility).toBe('ephemeral');
    const shown = bot.render(answer, 'en');
    expect(shown).toMatch(/^7:40 PM–8:00 PM {2}Elastic Pod Controller — Florian Grignon\nIn some context/);
    // Whole, where the programme cut it.
    expect(shown).toContain('without disturbing our');
    expect(shown).not.toContain('disturbing our…');
    expect(bot.render(await bot.press('agenda', { action: 'abstract', value: '2019-09-18-meetup-4:99' }, { locale: 'en' }), 'en')).toBe(
      'This talk is no longer in the programme: /agenda shows it as it is now.',
    );
  });
});

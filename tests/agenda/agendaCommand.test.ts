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
  ] as const)('says of meetup #%s in %s what the golden words say', async (ref, locale) => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const { words } = await bot.ask(`/agenda ${ref}`, { locale });
    await expect(words).toMatchFileSnapshot(path.join(GOLDEN, `meetup-${ref}.${locale}.words.txt`));
  });

  it('shows the next meetup by default, in the community language', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const { words } = await bot.ask('/agenda');
    expect(words).toMatch(/^# #13 /);
    expect(words).toContain('Le 2027-01-20 19:00 – 22:00');
    expect(words).not.toContain('a eu lieu');
  });

  it('finds a meetup by date and by id, and says when one took place', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    expect((await bot.ask('/agenda 2019-09-18')).words).toContain('Ce meetup a eu lieu le 2019-09-18.');
    expect((await bot.ask('/agenda 2020-09-30-meetup-7')).words).toContain('Datacenter Unplugged');
  });

  it('answers an unknown meetup with the ways to ask, keeping what was typed', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const { words } = await bot.ask('/agenda 99', { locale: 'en' });
    expect(words).toContain('I can’t find the meetup “99”');
    expect(words).toMatch(/Known: .*#4.*#7/);
  });

  it('gives slot times as time tokens, the same for every reader (each platform writes them in the reader’s language)', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    expect((await bot.ask('/agenda 4', { locale: 'en' })).words).toContain('- 19:15–19:30  Programme et nouveautés');
    expect((await bot.ask('/agenda 4')).words).toContain('- 19:15–19:30  Programme et nouveautés');
  });
});

describe('/agenda now', () => {
  it('gives the slot on and the next one during an evening', async () => {
    const bot = await harness({ now: '2019-09-18T19:35:00+02:00' });
    const { words } = await bot.ask('/agenda now');
    expect(words).toMatch(/En ce moment\u202f: 19:30–19:40 {2}Adopter une posture de SRE — Rénald/);
    expect(words).toMatch(/Ensuite\u202f: 19:40–20:00 {2}Elastic Pod Controller — Florian Grignon/);
  });

  it('says it is the last slot at the end of the evening', async () => {
    const bot = await harness({ now: '2019-09-18T20:30:00+02:00' });
    expect((await bot.ask('/agenda now', { locale: 'en' })).words).toMatch(
      /On now: .*Apéro[\s\S]*That is the last slot/,
    );
  });

  it('says when the next meetup is outside an evening: how far off, and when', async () => {
    const bot = await harness({ now: '2027-01-17T19:00:00+01:00' });
    expect((await bot.ask('/agenda now')).words).toMatch(
      /Pas de meetup en ce moment\. Le prochain, #13 .*, a lieu ~2027-01-20 19:00 \(2027-01-20 19:00\)\./,
    );
    expect((await bot.ask('/agenda now', { locale: 'en' })).words).toMatch(/is ~2027-01-20 19:00 \(2027-01-20 19:00\)/);
  });

  it('follows the Paris spring change: the 19:20 slot on the DST day is 17:20 UTC', async () => {
    const bot = await harness({ now: '2026-03-29T17:20:00Z', configDir: path.join(ROOT, 'tests', 'fixtures', 'dst') });
    expect((await bot.ask('/agenda now')).words).toMatch(
      /En ce moment\u202f: 19:15–19:45 {2}Error budgets after the clocks change/,
    );
    // The day before, at the same UTC instant, it is an hour earlier in Paris: nothing on yet.
    const before = await harness({
      now: '2026-03-28T17:20:00Z',
      configDir: path.join(ROOT, 'tests', 'fixtures', 'dst'),
    });
    expect((await before.ask('/agenda now')).words).toMatch(/Pas de meetup en ce moment\. .* a lieu ~2026-03-29 19:00/);
  });

  it('follows the Toronto fall change: 6:15 PM on 1 November 2026 is 23:15 UTC', async () => {
    const configDir = path.join(ROOT, 'tests', 'fixtures', 'dst');
    const bot = await harness({ now: '2026-11-01T23:15:00Z', configDir, community: 'toronto' });
    expect((await bot.ask('/agenda now')).words).toMatch(/On now: 18:00–18:30 {2}Greetings/);
  });

  it('offers a button per talk with an abstract, whose answer shows the whole abstract to the reader alone', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const programme = await bot.run('/agenda 4', { locale: 'en' });
    const buttons =
      programme.kind === 'reply'
        ? programme.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))
        : [];
    expect(buttons.map((button) => [button.action, button.value])).toEqual([
      ['abstract', '2019-09-18-meetup-4:2'],
      ['abstract', '2019-09-18-meetup-4:3'],
      ['abstract', '2019-09-18-meetup-4:4'],
    ]);
    expect(bot.app.bot.planAct('agenda', 'abstract')).toBe('ephemeral');
    const answer = await bot.press('agenda', buttons[1]!, { locale: 'en' });
    expect(answer.kind === 'reply' && answer.visibility).toBe('ephemeral');
    const shown = bot.words(answer);
    expect(shown).toMatch(/^19:40–20:00 {2}Elastic Pod Controller — Florian Grignon\nIn some context/);
    // Whole, where the programme cut it.
    expect(shown).toContain('without disturbing our');
    expect(shown).not.toContain('disturbing our…');
    expect(
      bot.words(await bot.press('agenda', { action: 'abstract', value: '2019-09-18-meetup-4:99' }, { locale: 'en' })),
    ).toBe('This talk is no longer in the programme: /agenda shows it as it is now.');
  });
});

import { describe, expect, it } from 'vitest';
import { expectEvent, fixtureText, iso, parseFixture, parseText } from './helpers.ts';

/** The two pages published by SRE Paris, as they are. */
describe('seed 000: meetup #4 page (Hugo front matter, bold programme, #### details)', () => {
  const event = expectEvent(parseFixture('seed-000-meetup-4.md'));

  it('reads the front matter: id, number, title, start in UTC', () => {
    expect(event.id).toBe('seed-000-meetup-4');
    expect(event.number).toBe(4);
    expect(event.title).toBe('#4 Site Reliability Engineering - Meetup de la rentrée');
    expect(event.timezone).toBe('Europe/Paris');
    expect(event.source).toBe('seed-000-meetup-4.md');
    expect(iso(event.start)).toBe('2019-09-18T17:00:00Z');
    expect(iso(event.end)).toBe('2019-09-18T19:00:00Z');
  });

  it('reads the six programme lines with their kinds and instants', () => {
    expect(event.slots.map((slot) => [iso(slot.start), iso(slot.end), slot.kind, slot.title])).toEqual([
      ['2019-09-18T17:00:00Z', '2019-09-18T17:15:00Z', 'welcome', 'Accueil des participants'],
      ['2019-09-18T17:15:00Z', '2019-09-18T17:30:00Z', 'news', 'Programme et nouveautés'],
      ['2019-09-18T17:30:00Z', '2019-09-18T17:40:00Z', 'lightning', 'Adopter une posture de SRE'],
      ['2019-09-18T17:40:00Z', '2019-09-18T18:00:00Z', 'talk', 'Elastic Pod Controller'],
      ['2019-09-18T18:00:00Z', '2019-09-18T18:20:00Z', 'talk', 'Introducing TUSK.cloud: challenge our project!'],
      ['2019-09-18T18:20:00Z', '2019-09-18T19:00:00Z', 'food', 'Apéro sponsorisé par Evaneos'],
    ]);
  });

  it('splits "Title - Speaker" and enriches speakers from **Speaker:** lines (name, then affiliation)', () => {
    expect(event.slots.map((slot) => slot.speakers)).toEqual([
      [],
      [],
      [{ name: 'Rénald', affiliation: 'mec de l’infra et apprenti SRE chez Evaneos, mais pas que.' }],
      [{ name: 'Florian Grignon', affiliation: 'Head of Infrastructure @ Keeneye' }],
      [
        {
          name: 'Thomas Goellner',
          affiliation: 'Entrepreneur, CEO @TUSK.cloud, ex CEO right-hand @Brigad, graduated from EDHEC Business school',
        },
      ],
      [],
    ]);
  });

  it('takes abstracts from **Description:**, continued lines included, and nothing for the other slots', () => {
    const [welcome, news, posture, pods, tusk, apero] = event.slots;
    expect(posture?.abstract).toBe('Comment faire porter le costume de super héros à ses collègues.');
    expect(pods?.abstract).toMatch(/^In some context, the auto scaling .* specific to Keeneye\.$/);
    expect(tusk?.abstract).toMatch(/cloud solution\.\nAfter a very short presentation/);
    expect(tusk?.abstract).toMatch(/what would be your dream product\?$/);
    expect([welcome, news, apero].map((slot) => slot?.abstract)).toEqual([undefined, undefined, undefined]);
  });

  it('warns that -01:00 contradicts Paris (+02:00) and keeps 19:00 wall clock', () => {
    expect(event.warnings).toHaveLength(1);
    const warning = event.warnings[0] as string;
    expect(warning).toContain('seed-000-meetup-4.md');
    expect(warning).toContain('`date`');
    expect(warning).toContain('"2019-09-18T19:00:00-01:00"');
    expect(warning).toContain('-01:00');
    expect(warning).toContain('+02:00');
    expect(warning).toContain('2019-09-18 19:00 Europe/Paris');
    expect(warning).toContain('2019-09-18T17:00:00Z');
    expect(warning).toContain('date: 2019-09-18T19:00');
  });
});

describe('seed 001: meetup #7 announcement (plain programme, ## details with bullets)', () => {
  const frontMatter =
    '---\ntitle: "#7 Site Reliability Engineering Paris - Meetup en ligne"\ndate: 2020-09-30T19:00\n---\n';

  it('as published, without front matter, is not an event (no date)', () => {
    const result = parseText('seed-001-meetup-7.md', fixtureText('seed-001-meetup-7.md'));
    expect(result).toEqual({
      kind: 'not-event',
      file: 'seed-001-meetup-7.md',
      reason: expect.stringContaining('`date`'),
    });
  });

  const event = expectEvent(parseText('2020-09-30-meetup-7.md', frontMatter + fixtureText('seed-001-meetup-7.md')));

  it('reads five slots with kinds and UTC instants, without warnings', () => {
    expect(event.number).toBe(7);
    expect(iso(event.start)).toBe('2020-09-30T17:00:00Z');
    expect(iso(event.end)).toBe('2020-09-30T18:00:00Z');
    expect(event.warnings).toEqual([]);
    expect(event.slots.map((slot) => [iso(slot.start), iso(slot.end), slot.kind, slot.title])).toEqual([
      ['2020-09-30T17:00:00Z', '2020-09-30T17:10:00Z', 'news', 'Présentation du programme et des news du groupe'],
      ['2020-09-30T17:10:00Z', '2020-09-30T17:25:00Z', 'talk', 'Datacenter Unplugged'],
      ['2020-09-30T17:25:00Z', '2020-09-30T17:40:00Z', 'lightning', 'Reliability Report'],
      [
        '2020-09-30T17:40:00Z',
        '2020-09-30T17:45:00Z',
        'lightning',
        'Announcement : call for participation to a study on infrastructure drift',
      ],
      ['2020-09-30T17:45:00Z', '2020-09-30T18:00:00Z', 'news', 'Questions et feedback pour le prochain meetup'],
    ]);
  });

  it('reads speakers from "par Name (@handle)" and enriches them from "* Speaker Name/bio:" bullets', () => {
    expect(event.slots[1]?.speakers).toEqual([
      {
        name: 'Mathieu Tortuyaux',
        handle: 'tormath1',
        bio: 'Open-Source maintainer, Gentoo lover and remote devops engineer @ cycloid',
      },
    ]);
    expect(event.slots[2]?.speakers).toEqual([{ name: 'Pablo Seminario', handle: 'pabluk', bio: 'SRE @PeopleDoc' }]);
    expect(event.slots[3]?.speakers).toEqual([
      { name: 'Gerald Crescione', bio: expect.stringMatching(/^CMO at Cloudskiff.*\(launching soon\)$/) },
    ]);
  });

  it('continues "Talk Abstract:" over the following paragraphs, until the next heading', () => {
    const datacenter = event.slots[1]?.abstract ?? '';
    expect(datacenter).toMatch(/^What if I pull the plug of the datacenter \?/);
    expect(datacenter).toMatch(/is my infra as code \?\n\nIn this session, we will talk about IaC/);
    expect(datacenter).not.toContain('Reliability Report');
    expect(event.slots[2]?.abstract).toBe(
      'A lightning talk about a project to create a collaborative site/newsletter about Reliability Engineering using an event-driven architecture.',
    );
    expect(event.slots[3]?.abstract?.split('\n\n')).toHaveLength(3);
    expect(event.slots[3]?.abstract).toMatch(/share your side of things\.$/);
  });
});

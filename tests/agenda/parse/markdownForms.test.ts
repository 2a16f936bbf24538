import { describe, expect, it } from 'vitest';
import { expectEvent, iso, parseFixture } from './helpers.ts';

const rows = (name: string, timezone?: string) =>
  expectEvent(parseFixture(name, timezone)).slots.map((slot) => [
    iso(slot.start),
    iso(slot.end),
    slot.kind,
    slot.title,
    slot.speakers,
  ]);

describe('programme line forms', () => {
  it('French forms: "18 h", "17H30", "19h à 19h15", "par A et B", "- Name (@handle)", "by A & B", open-ended "**20h45 :**"', () => {
    const event = expectEvent(parseFixture('french-forms.md'));
    expect(event.number).toBe(21);
    expect(event.venue).toBe('Salle Ada, 5 rue de la Lune, 75002 Paris');
    expect(event.online).toBe('https://meet.jit.si/meetup-21');
    // date without a time: the event starts with its first slot (Paris is at +02:00 in May)
    expect(iso(event.start)).toBe('2026-05-13T16:00:00Z');
    expect(iso(event.end)).toBe('2026-05-13T19:30:00Z');
    expect(event.warnings).toEqual([]);
    expect(rows('french-forms.md')).toEqual([
      ['2026-05-13T16:00:00Z', '2026-05-13T16:30:00Z', 'welcome', 'Ouverture des portes', []],
      ['2026-05-13T16:30:00Z', '2026-05-13T17:00:00Z', 'welcome', "Mot d'accueil", []],
      ['2026-05-13T17:00:00Z', '2026-05-13T17:15:00Z', 'news', 'Présentation du programme', []],
      [
        '2026-05-13T17:15:00Z',
        '2026-05-13T17:30:00Z',
        'talk',
        'Traces distribuées',
        [{ name: 'Alice Martin' }, { name: 'Bob Durand' }],
      ],
      [
        '2026-05-13T17:30:00Z',
        '2026-05-13T17:40:00Z',
        'lightning',
        'Un SLO en dix minutes',
        [{ name: 'Chloé Petit', handle: 'chloe_p' }],
      ],
      [
        '2026-05-13T17:40:00Z',
        '2026-05-13T18:10:00Z',
        'talk',
        'Logs, métriques, traces : le grand ménage',
        [{ name: 'Jean-Marc de La Tour' }, { name: 'Awa Diallo', handle: 'awadiallo' }],
      ],
      // open-ended last line, no `end:` in the front matter: 45 minutes
      ['2026-05-13T18:45:00Z', '2026-05-13T19:30:00Z', 'food', 'Pizza Time', []],
    ]);
  });

  it('English forms: "**5:30pm** - doors open", "6:00pm - 6:30pm:", "6:30 - 7:00pm", "to", America/Toronto', () => {
    const event = expectEvent(parseFixture('english-forms.md', 'America/Toronto'));
    expect(event.number).toBe(42);
    expect(event.url).toBe('https://example.org/events/42');
    // -04:00 is Toronto's offset on that day: no warning
    expect(event.warnings).toEqual([]);
    expect(iso(event.start)).toBe('2026-10-14T21:30:00Z');
    expect(iso(event.end)).toBe('2026-10-15T00:30:00Z');
    expect(rows('english-forms.md', 'America/Toronto')).toEqual([
      ['2026-10-14T21:30:00Z', '2026-10-14T22:00:00Z', 'welcome', 'doors open', []],
      [
        '2026-10-14T22:00:00Z',
        '2026-10-14T22:30:00Z',
        'talk',
        'Keynote: operators in practice',
        [{ name: 'Jane Roe' }],
      ],
      [
        '2026-10-14T22:30:00Z',
        '2026-10-14T23:00:00Z',
        'talk',
        'GitOps at scale',
        [{ name: 'Kim Nguyen' }, { name: 'Luis Ortega' }],
      ],
      ['2026-10-14T23:00:00Z', '2026-10-14T23:10:00Z', 'lightning', 'kubectl tricks', [{ name: 'Sam Lee' }]],
      // open-ended last line ends at the front matter's `end`
      ['2026-10-14T23:15:00Z', '2026-10-15T00:30:00Z', 'food', 'drinks and networking', []],
    ]);
  });

  it('"17:00 - 17:15: Title" and "#### 17:30 Greetings" headings, whose sections are their details', () => {
    const event = expectEvent(parseFixture('heading-times.md'));
    expect(rows('heading-times.md')).toEqual([
      ['2026-10-14T15:00:00Z', '2026-10-14T15:15:00Z', 'welcome', 'Welcome & intros', []],
      ['2026-10-14T15:30:00Z', '2026-10-14T15:45:00Z', 'welcome', 'Greetings', []],
      [
        '2026-10-14T15:45:00Z',
        '2026-10-14T16:30:00Z',
        'talk',
        'Chaos in the datacenter',
        [{ name: 'Ana Souza', affiliation: 'Principal SRE @ Nimbus Rail' }],
      ],
      ['2026-10-14T16:30:00Z', '2026-10-14T17:15:00Z', 'talk', 'Closing words', []],
    ]);
    expect(event.slots[1]?.abstract).toBe('A word from our host.');
    expect(event.slots[2]?.abstract).toBe('How we run game days on a live rail-booking platform.');
  });

  it('a time alone on its line ("10h30 - 11h00") takes the next non-empty line as its title', () => {
    expect(rows('time-alone.md')).toEqual([
      ['2026-04-15T07:00:00Z', '2026-04-15T07:30:00Z', 'welcome', 'Accueil et café', []],
      [
        '2026-04-15T08:30:00Z',
        '2026-04-15T09:00:00Z',
        'talk',
        'Running Postgres on Kubernetes',
        [{ name: 'Léa Garnier' }],
      ],
      [
        '2026-04-15T09:00:00Z',
        '2026-04-15T09:45:00Z',
        'talk',
        'Multi-tenant clusters',
        [{ name: 'Omar Haddad', handle: 'ohaddad' }],
      ],
    ]);
  });
});

describe('recap pages, comments, shortcodes and links', () => {
  const event = expectEvent(parseFixture('recap.md'));

  it('reads a talk list without times as slots in order, still an event thanks to its date', () => {
    expect(event.slots).toEqual([
      {
        title: 'Observabilité des files de messages',
        kind: 'talk',
        speakers: [{ name: 'Marie Lambert', handle: 'mlambert' }],
      },
      {
        title: "Terraform à l'échelle",
        kind: 'talk',
        speakers: [{ name: 'Paul Girard' }, { name: 'Sofia Rossi', handle: 'srossi' }],
      },
    ]);
    // +01:00 is Paris in February: no warning; no slot times, so 3 hours
    expect(event.warnings).toEqual([]);
    expect(iso(event.start)).toBe('2026-02-11T18:00:00Z');
    expect(iso(event.end)).toBe('2026-02-11T21:00:00Z');
  });

  it('ignores a talk inside an HTML comment and bullets that name no speaker', () => {
    expect(event.slots.map((slot) => slot.title)).not.toContain('Talk annulé');
    expect(event.slots.map((slot) => slot.title).join()).not.toMatch(/slides|figure|youtube/i);
  });
});

describe('detail sections', () => {
  it('"## Title" + "* Speaker Name/bio/Talk Abstract" bullets, matched whatever the case and punctuation, ended by ---', () => {
    const event = expectEvent(parseFixture('details-bullets.md'));
    expect(event.slots[0]).toMatchObject({
      title: 'Runbooks exécutables',
      speakers: [{ name: 'Élodie Marchand', handle: 'elomarchand', bio: 'SRE, lectrice assidue de post-mortems' }],
      abstract: "Des runbooks qu'on exécute au lieu de les lire.\n\nDeuxième paragraphe de l'abstract.",
    });
    expect(event.slots[1]).toMatchObject({
      title: 'On-call for humans',
      speakers: [{ name: 'Tom Becker', bio: 'Incident commander at Fjord Freight' }],
      abstract: 'Rotations, hand-offs and sleep.',
    });
  });

  it('"#### Title" + **Speaker:**/**Description:** gives a speaker to a line that had none; emphasis in headings ignored', () => {
    const event = expectEvent(parseFixture('details-bold.md'));
    expect(event.slots[0]).toMatchObject({
      title: 'Le coût caché des retries',
      kind: 'talk',
      speakers: [{ name: 'Inès Roche', affiliation: 'Staff engineer @ Octave Systems' }],
      abstract:
        'Premier paragraphe, sur les tempêtes de retries.\nSuite du premier paragraphe.\n\nDeuxième paragraphe, avec un lien.',
    });
    expect(event.slots[1]).toMatchObject({ title: 'Pause', kind: 'break', speakers: [] });
  });
});

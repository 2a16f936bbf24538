import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expectEvents, expectProblems, formatText, iso, programme, readFixture, readText } from './helpers.ts';

const calendar = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (uid: string, ...lines: string[]): string[] => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];

describe('iCalendar (.ics)', () => {
  it('the fixtures are real iCalendar: ical.js parses them, folded lines included', () => {
    for (const name of ['meetups-vtimezone.ics', 'conference-utc.ics', 'outlook-zones.ics']) {
      const component = new ICAL.Component(ICAL.parse(formatText(name)));
      expect(component.getAllSubcomponents('vevent').length).toBeGreaterThan(1);
    }
    expect(formatText('meetups-vtimezone.ics')).toMatch(/\r\n [^\r\n]+/);
  });

  it('reads a meetup programme and its speakers from a folded DESCRIPTION, in the VTIMEZONE of the file', () => {
    const [february] = expectEvents(readFixture('meetups-vtimezone.ics'));
    expect([february?.id, february?.number, february?.title, february?.venue]).toEqual([
      'meetups-vtimezone-2027-02-17',
      14,
      '#14 SRE Rennes – Kubernetes et SLO',
      'La Cantine, 12 rue de Brest, Rennes',
    ]);
    expect(programme(february!)).toEqual([
      '19:00-19:15: Accueil des participants [welcome]',
      '19:15-19:45: Migrer 400 services vers Kubernetes sans perdre le sommeil (Nolwenn Prigent) [talk]',
      '19:50-20:20: Les SLO racontés aux product managers (Hugo Castel) [talk]',
      '20:30-22:00: Apéro et pizzas [food]',
    ]);
    // `Speaker: Name, affiliation` after a line naming her adds to what is known, not a second speaker.
    expect(february?.slots[1]?.speakers).toEqual([
      { name: 'Nolwenn Prigent', handle: 'nolwenn', affiliation: 'SRE chez Marée Haute' },
    ]);
    expect([iso(february?.start), iso(february?.end)]).toEqual(['2027-02-17T18:00:00Z', '2027-02-17T21:00:00Z']);
  });

  it('keeps the highest SEQUENCE of a repeated UID', () => {
    const events = expectEvents(readFixture('meetups-vtimezone.ics'));
    expect(events.map((event) => event.title)).toEqual([
      '#14 SRE Rennes – Kubernetes et SLO',
      '#15 SRE Rennes (nouvel horaire)',
    ]);
    // 18:30 Paris summer time (the clocks changed on 28 March 2027)
    expect(iso(events[1]?.start)).toBe('2027-03-31T16:30:00Z');
  });

  it('groups UTC sessions of one day into one event with rooms; speakers from DESCRIPTION; cancelled left out with a warning', () => {
    const reading = readFixture('conference-utc.ics');
    const [day] = expectEvents(reading);
    expect([day?.id, day?.title]).toEqual(['conference-utc-2026-09-15', 'Nordic Platform Day']);
    expect(programme(day!, 'UTC')).toEqual([
      '07:00-07:45 Hall A: Two hundred clusters, six people (Oskar Lindqvist, Aino Virtanen) [talk]',
      '08:00-08:30 Foyer: Coffee break [break]',
      '08:30-09:00 Hall B: GitOps in anger (Mette Sørensen) [talk]',
    ]);
    expect(day?.slots[2]?.speakers).toEqual([{ name: 'Mette Sørensen', handle: 'mette' }]);
    expect(day?.slots[0]?.abstract).toMatch(/^How we run two hundred clusters/);
    expect(reading.kind === 'events' && reading.warnings).toEqual([
      expect.objectContaining({ line: 31, message: '"Withdrawn talk" is cancelled (STATUS:CANCELLED) and not shown' }),
    ]);
  });

  it('reads a Windows TZID by the file’s VTIMEZONE, an IANA TZID without one, and a floating time in the community zone', () => {
    const events = expectEvents(readFixture('outlook-zones.ics'));
    expect(events.map((event) => [event.title, iso(event.start)])).toEqual([
      ['Meetup DevOps Lyon #9', '2026-06-24T17:00:00Z'],
      ['Joint meetup with Toronto SRE', '2026-11-04T23:00:00Z'],
      ['Meetup de décembre', '2026-12-09T18:00:00Z'],
    ]);
    expect(events[0]?.slots[1]?.speakers).toEqual([{ name: 'Pauline Girard' }]);
    expect(events[1]?.slots[0]?.speakers.map((speaker) => speaker.name)).toEqual(['Priya Raman', 'Marc Tremblay']);
  });

  it('a TZID neither IANA nor defined in the file is read in the community zone, with a warning', () => {
    const text = calendar(...vevent('a@x', 'DTSTART;TZID=Mars Standard Time:20261209T190000', 'SUMMARY:Meetup'));
    const reading = readText('a.ics', text);
    expect(iso(expectEvents(reading)[0]?.start)).toBe('2026-12-09T18:00:00Z');
    expect(reading.kind === 'events' && reading.warnings[0]).toMatchObject({
      line: 5,
      field: 'DTSTART',
      message: expect.stringContaining('"Mars Standard Time"'),
    });
  });

  it('cuts days in the zone the calendar is written in, not the community’s', () => {
    const text = calendar(
      ...vevent(
        'a@x',
        'DTSTART;TZID=Europe/Paris:20261007T090000',
        'DTEND;TZID=Europe/Paris:20261007T093000',
        'SUMMARY:Opening',
        'LOCATION:Hall',
      ),
      ...vevent(
        'b@x',
        'DTSTART;TZID=Europe/Paris:20261007T100000',
        'DTEND;TZID=Europe/Paris:20261007T110000',
        'SUMMARY:SLOs',
        'LOCATION:Hall',
      ),
    );
    const [day] = expectEvents(readText('paris.ics', text, 'America/Los_Angeles'));
    expect([day?.id, day?.timezone, iso(day?.start)]).toEqual([
      'paris-2026-10-07',
      'Europe/Paris',
      '2026-10-07T07:00:00Z',
    ]);
  });

  it('reads every calendar of a file that holds several, and skips one that holds none', () => {
    const text =
      calendar(...vevent('a@x', 'DTSTART:20261001T170000Z', 'SUMMARY:#1 October')) +
      calendar(...vevent('b@x', 'DTSTART:20261105T180000Z', 'SUMMARY:#2 November'));
    expect(expectEvents(readText('two.ics', text)).map((event) => [event.id, event.number])).toEqual([
      ['two-2026-10-01', 1],
      ['two-2026-11-05', 2],
    ]);
    expect(readText('card.ics', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nEND:VCARD\r\n')).toEqual({
      kind: 'not-event',
      reason: 'an iCalendar file with VCARD instead of VCALENDAR',
    });
  });

  it('the same calendar folded or unfolded gives the same events', () => {
    const folded = formatText('meetups-vtimezone.ics');
    const unfolded = folded.replace(/\r\n /g, '');
    expect(unfolded).not.toBe(folded);
    const titles = (text: string) => expectEvents(readText('m.ics', text)).map((event) => [event.id, programme(event)]);
    expect(titles(unfolded)).toEqual(titles(folded));
  });

  it('reports a line ical.js cannot read with its number, and a VEVENT without DTSTART', () => {
    const [broken] = expectProblems(readFixture('broken.ics'));
    expect(broken).toMatchObject({
      line: 6,
      message: expect.stringMatching(/^not valid iCalendar: .*this line has no colon/),
    });
    const [missing] = expectProblems(readText('b.ics', calendar(...vevent('no-start@x', 'SUMMARY:When?'))));
    expect(missing).toMatchObject({
      line: 5,
      field: 'DTSTART',
      message: 'missing: expected DTSTART, the start of the event',
    });
  });
});

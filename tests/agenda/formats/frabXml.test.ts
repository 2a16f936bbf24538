import { describe, expect, it } from 'vitest';
import { expectEvents, expectProblems, formatText, iso, programme, readFixture, readText } from './helpers.ts';

describe('frab schedule.xml', () => {
  it('gives one event a day with rooms, entities decoded, persons as speakers', () => {
    const events = expectEvents(readFixture('frab-schedule.xml'));
    expect(events.map((event) => [event.id, event.title])).toEqual([
      ['opsnight26-2026-03-28', 'Ops Night Lille & Friends 2026 (day 1/2)'],
      ['opsnight26-2026-03-29', 'Ops Night Lille & Friends 2026 (day 2/2)'],
    ]);
    expect(programme(events[0]!)).toEqual([
      '19:00-19:40 Amphi Curie: Blameless postmortems, for real (Clémence Vasseur, Baptiste Lemaire) [talk]',
      '19:00-19:20 Salle Lamarck: Terraform drift, found early (Théo Marchand) [talk]',
      '00:30-01:30 Amphi Curie: Night shift: pager stories (Inès Dufour) [talk]',
    ]);
    expect(events[0]?.slots[0]?.abstract).toBe('Writing them <quickly> and reading them later.');
    expect(programme(events[1]!)).toEqual(['10:00-10:30 Amphi Curie: Brunch [break]']);
  });

  it('keeps an event dated the next day in the <day> that lists it, across the spring clock change', () => {
    const [first, second] = expectEvents(readFixture('frab-schedule.xml'));
    const night = first!.slots.at(-1)!;
    // 00:30+01:00 on 29 March, the night Paris moves to summer time at 02:00.
    expect([iso(night.start), iso(night.end)]).toEqual(['2026-03-28T23:30:00Z', '2026-03-29T00:30:00Z']);
    expect(iso(first!.end)).toBe('2026-03-29T00:30:00Z');
    expect(second!.slots.map((slot) => slot.title)).toEqual(['Brunch']);
  });

  it('reports XML that is not well formed with its line', () => {
    const text = formatText('frab-schedule.xml').replace(
      '<title>Terraform drift, found early</title>',
      '<title>Terraform drift, found early</titel>',
    );
    const [problem] = expectProblems(readText('schedule.xml', text));
    expect(problem?.message).toMatch(/^not well-formed XML: .*title/);
    expect(text.split('\n')[problem!.line! - 1]).toContain('</titel>');
  });

  it('leaves out an <event> whose duration does not read, with its field, line and title, and shows the rest', () => {
    const text = formatText('frab-schedule.xml').replace('<duration>00:20</duration>', '<duration>twenty</duration>');
    const reading = readText('schedule.xml', text);
    const events = expectEvents(reading);
    expect(programme(events[0]!)).toEqual([
      '19:00-19:40 Amphi Curie: Blameless postmortems, for real (Clémence Vasseur, Baptiste Lemaire) [talk]',
      '00:30-01:30 Amphi Curie: Night shift: pager stories (Inès Dufour) [talk]',
    ]);
    expect(programme(events[1]!)).toEqual(['10:00-10:30 Amphi Curie: Brunch [break]']);
    const warnings = reading.kind === 'events' ? reading.warnings : [];
    expect(warnings).toEqual([
      {
        field: 'duration',
        line: expect.any(Number),
        message:
          'talk left out ("Terraform drift, found early"): found "twenty", expected a duration HH:MM like "00:30"',
        fix: expect.stringContaining('export again'),
      },
    ]);
    expect(text.split('\n')[warnings[0]!.line! - 1]).toContain('id="203"');
  });

  it('leaves out an <event> without a title; a day with nothing left is not shown', () => {
    const text = formatText('frab-schedule.xml').replace('<title>Brunch</title>', '<title></title>');
    const reading = readText('schedule.xml', text);
    expect(expectEvents(reading).map((event) => event.id)).toEqual(['opsnight26-2026-03-28']);
    const warnings = reading.kind === 'events' ? reading.warnings : [];
    expect(warnings).toMatchObject([
      { field: 'title', message: 'talk left out: missing: expected the title of the session' },
    ]);
    expect(text.split('\n')[warnings[0]!.line! - 1]).toContain('id="204"');
  });

  it('is an error, each <event> with its field and line, when no talk reads', () => {
    const text = formatText('frab-schedule.xml').replace(/<date>[^<]*<\/date>/g, '<date>soon</date>');
    const problems = expectProblems(readText('schedule.xml', text));
    expect(problems.map((problem) => problem.field)).toEqual(['date', 'date', 'date', 'date']);
    for (const problem of problems) {
      expect(problem.message).toMatch(/^talk left out \(".+"\): found date "soon", expected a date and time/);
      expect(text.split('\n')[problem.line! - 1]).toContain('<event ');
    }
  });

  it('reports a <day> without its date at its line', () => {
    const text = formatText('frab-schedule.xml').replace('<day index="2" date="2026-03-29"', '<day index="2"');
    const [problem] = expectProblems(readText('schedule.xml', text));
    expect(problem).toMatchObject({ field: 'day.date', message: 'found no date, expected <day date="2026-10-07">' });
    expect(text.split('\n')[problem!.line! - 1]).toContain('<day index="2"');
  });

  it('skips an XML file that is not a frab schedule', () => {
    expect(
      readText('sitemap.xml', '<?xml version="1.0"?><urlset><url><loc>https://example.org</loc></url></urlset>'),
    ).toEqual({
      kind: 'not-event',
      reason: expect.stringContaining('not a frab schedule'),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { expectEvents, expectProblems, formatText, iso, programme, readFixture, readText } from './helpers.ts';

describe('pretalx / frab schedule.json', () => {
  it('gives one event a day, id <acronym>-<date>, its talks sorted by time then room', () => {
    const events = expectEvents(readFixture('pretalx-schedule.json'));
    expect(events.map((event) => [event.id, event.title, event.timezone])).toEqual([
      ['cnrd-2026-2026-10-07', 'Cloud Native Rennes Days 2026 (day 1/2)', 'Europe/Paris'],
      ['cnrd-2026-2026-10-08', 'Cloud Native Rennes Days 2026 (day 2/2)', 'Europe/Paris'],
    ]);
    expect(programme(events[0]!)).toEqual([
      '09:30-10:00 Salle Hopper: eBPF for the rest of us (Erwan Quéré) [talk]',
      '09:30-10:15 Salle Turing: Error budgets without tears (Maëlle Kerbrat) [talk]',
      '11:00-12:30 Salle Turing: Chaos engineering workshop (Yannick Le Goff, Soazig Tanguy) [talk]',
      '00:15-00:45 Salle Turing: Midnight incident stories [lightning]',
    ]);
    expect(events[0]?.url).toBe('https://pretalx.example.org/cnrd-2026/schedule/');
  });

  it('reads `date` with its offset, `duration` HH:MM, and keeps a talk after midnight in the day that lists it', () => {
    const [first] = expectEvents(readFixture('pretalx-schedule.json'));
    const night = first!.slots.at(-1)!;
    expect([iso(night.start), iso(night.end)]).toEqual(['2026-10-07T22:15:00Z', '2026-10-07T22:45:00Z']);
    expect([iso(first!.start), iso(first!.end)]).toEqual(['2026-10-07T07:30:00Z', '2026-10-07T22:45:00Z']);
    const workshop = first!.slots.find((slot) => slot.title.startsWith('Chaos'))!;
    expect(workshop.end!.diff(workshop.start!, 'minutes').minutes).toBe(90);
  });

  it('takes public names and biographies from `persons`, the abstract, else the description', () => {
    const [first] = expectEvents(readFixture('pretalx-schedule.json'));
    const talk = first!.slots.find((slot) => slot.title === 'Error budgets without tears')!;
    expect(talk.speakers).toEqual([{ name: 'Maëlle Kerbrat', bio: 'SRE at Ferry Lines, Brest.' }]);
    expect(talk.abstract).toBe('How a small team adopted SLOs and kept its weekends.');
    expect(first!.slots.find((slot) => slot.title.startsWith('Chaos'))?.abstract).toBe('Bring a laptop.');
  });

  it('reads times written without `date` as wall clock in conference.time_zone_name, not the community zone', () => {
    const json = JSON.parse(formatText('pretalx-schedule.json'));
    const conference = json.schedule.conference;
    conference.time_zone_name = 'America/Toronto';
    for (const day of conference.days)
      for (const talks of Object.values<Array<Record<string, unknown>>>(day.rooms))
        for (const talk of talks) delete talk.date;
    const [first] = expectEvents(readText('schedule.json', JSON.stringify(json)));
    expect(first?.timezone).toBe('America/Toronto');
    expect(iso(first?.start)).toBe('2026-10-07T13:30:00Z');
  });

  it('leaves out a talk whose duration does not read, with its field, line and title, and shows the rest', () => {
    const text = formatText('pretalx-schedule.json').replace('"duration": "01:30"', '"duration": "90 min"');
    const reading = readText('schedule.json', text);
    const events = expectEvents(reading);
    expect(programme(events[0]!)).toEqual([
      '09:30-10:00 Salle Hopper: eBPF for the rest of us (Erwan Quéré) [talk]',
      '09:30-10:15 Salle Turing: Error budgets without tears (Maëlle Kerbrat) [talk]',
      '00:15-00:45 Salle Turing: Midnight incident stories [lightning]',
    ]);
    expect(events.map((event) => event.id)).toEqual(['cnrd-2026-2026-10-07', 'cnrd-2026-2026-10-08']);
    const warnings = reading.kind === 'events' ? reading.warnings : [];
    expect(warnings).toEqual([
      {
        field: 'schedule.conference.days[0].rooms.Salle Turing[1].duration',
        line: expect.any(Number),
        message: 'talk left out ("Chaos engineering workshop"): found "90 min", expected a duration HH:MM like "00:30"',
        fix: expect.stringContaining('export again'),
      },
    ]);
    expect(text.split('\n')[warnings[0]!.line! - 1]).toContain('"90 min"');
  });

  it('leaves out a talk with an unreadable `date` or no title, each with its own warning', () => {
    const text = formatText('pretalx-schedule.json')
      .replace('"title": "Midnight incident stories"', '"title": ""')
      .replace(
        '"date": "2026-10-07T09:30:00+02:00",\n                "start": "09:30",\n                "duration": "00:30"',
        '"date": "7 Oct 09:30",\n                "start": "09:30",\n                "duration": "00:30"',
      );
    const reading = readText('schedule.json', text);
    expect(programme(expectEvents(reading)[0]!)).toEqual([
      '09:30-10:15 Salle Turing: Error budgets without tears (Maëlle Kerbrat) [talk]',
      '11:00-12:30 Salle Turing: Chaos engineering workshop (Yannick Le Goff, Soazig Tanguy) [talk]',
    ]);
    const warnings = reading.kind === 'events' ? reading.warnings : [];
    expect(warnings.map(({ field, message }) => ({ field, message }))).toEqual([
      {
        field: 'schedule.conference.days[0].rooms.Salle Turing[2].title',
        message: 'talk left out: found "", expected at least 1 character',
      },
      {
        field: 'schedule.conference.days[0].rooms.Salle Hopper[0].date',
        message:
          'talk left out ("eBPF for the rest of us"): found date "7 Oct 09:30", expected a date and time like 2026-10-07T09:30:00+02:00',
      },
    ]);
    expect(text.split('\n')[warnings[0]!.line! - 1]).toContain('"title": ""');
    expect(text.split('\n')[warnings[1]!.line! - 1]).toContain('"7 Oct 09:30"');
  });

  it('is an error, each talk with its field and line, when no talk reads', () => {
    const text = formatText('pretalx-schedule.json').replace(/"duration": "(\d\d):(\d\d)"/g, '"duration": "$1h$2"');
    const problems = expectProblems(readText('schedule.json', text));
    expect(problems).toHaveLength(5);
    for (const problem of problems) {
      expect(problem.field).toMatch(/^schedule\.conference\.days\[\d\]\.rooms\.Salle \w+\[\d\]\.duration$/);
      expect(problem.message).toMatch(/^talk left out \(".+"\): found "\d\dh\d\d", expected a duration HH:MM/);
      expect(text.split('\n')[problem.line! - 1]).toMatch(/"\d\dh\d\d"/);
    }
  });

  it('reports broken JSON with the line of the fault', () => {
    const text = formatText('pretalx-schedule.json').replace('"start": "11:00",', '"start": "11:00"');
    const [problem] = expectProblems(readText('schedule.json', text));
    expect(problem?.message).toMatch(/^not valid JSON: found /);
    expect(problem?.line).toBe(text.split('\n').findIndex((line) => line.includes('"start": "11:00"')) + 2);
  });

  it('skips a JSON file that is no schedule, saying what was expected', () => {
    expect(readText('package.json', '{"name": "site", "version": "1.0.0"}')).toEqual({
      kind: 'not-event',
      reason: expect.stringContaining('pretalx/frab schedule'),
    });
  });
});

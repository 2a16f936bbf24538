import { describe, expect, it } from 'vitest';
import { expectEvents, expectProblems, formatText, iso, programme, readFixture, readText } from './helpers.ts';

describe('Sessionize "All Data" JSON', () => {
  it('links sessions to speakers and rooms by id; a service session is never a talk', () => {
    const [day] = expectEvents(readFixture('sessionize-all.json'));
    expect(day?.id).toBe('sessionize-all-2026-11-19');
    expect(programme(day!)).toEqual([
      '08:30-09:15 Grand Auditorium: Registration & coffee [welcome]',
      '09:15-10:00 Grand Auditorium: Kubernetes upgrades on a Friday (Amandine Roussel, Karim Benali) [talk]',
      '09:15-09:45 Room B: Observability on a budget (Lou Garnier) [talk]',
    ]);
    expect(day?.slots[1]?.speakers[0]).toEqual({
      name: 'Amandine Roussel',
      handle: 'amandine_r',
      affiliation: 'Platform lead, Quai Numérique',
      bio: 'Runs the platform team at Quai Numérique.',
    });
  });

  it('reads its offset-less times in the community zone', () => {
    const [paris] = expectEvents(readFixture('sessionize-all.json', 'Europe/Paris'));
    const [toronto] = expectEvents(readFixture('sessionize-all.json', 'America/Toronto'));
    expect(iso(paris?.start)).toBe('2026-11-19T07:30:00Z');
    expect(iso(toronto?.start)).toBe('2026-11-19T13:30:00Z');
  });

  it('leaves out sessions not scheduled yet, with one warning', () => {
    const reading = readFixture('sessionize-all.json');
    expect(reading.kind === 'events' && reading.warnings.map((warning) => warning.message)).toEqual([
      '1 session(s) have no time yet (startsAt: null) and are not shown',
    ]);
  });

  it('leaves out a session whose time is written another way, with its field and line, and shows the rest', () => {
    const text = formatText('sessionize-all.json').replace(
      '"startsAt": "2026-11-19T09:15:00",\n      "endsAt": "2026-11-19T10:00:00"',
      '"startsAt": "19/11/2026 09:15",\n      "endsAt": "2026-11-19T10:00:00"',
    );
    const reading = readText('sessionize.json', text);
    const [day] = expectEvents(reading);
    expect(programme(day!)).toEqual([
      '08:30-09:15 Grand Auditorium: Registration & coffee [welcome]',
      '09:15-09:45 Room B: Observability on a budget (Lou Garnier) [talk]',
    ]);
    const problem = reading.kind === 'events' ? reading.warnings[0] : undefined;
    expect(problem).toMatchObject({
      field: 'sessions[1].startsAt',
      message:
        'session left out ("Kubernetes upgrades on a Friday"): found "19/11/2026 09:15", expected a local date and time like 2026-10-07T09:30:00',
    });
    expect(text.split('\n')[problem!.line! - 1]).toContain('19/11/2026');
  });

  it('is an error, with each field and line, when no scheduled session reads', () => {
    const text = formatText('sessionize-all.json').replace(
      /"startsAt": "2026-11-19T(\d\d:\d\d:\d\d)"/g,
      '"startsAt": "19/11/2026 $1"',
    );
    const problems = expectProblems(readText('sessionize.json', text));
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) {
      expect(problem.field).toMatch(/^sessions\[\d+\]\.startsAt$/);
      expect(text.split('\n')[problem.line! - 1]).toContain('19/11/2026');
    }
  });
});

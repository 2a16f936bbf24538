import { describe, expect, it } from 'vitest';
import { readEventFile } from '../../../src/agenda/parse/index.ts';
import { expectEvent, expectProblems, iso, parseFixture, parseText } from './helpers.ts';

describe('plain YAML events', () => {
  const event = expectEvent(parseFixture('full.yaml'));

  it('reads every field', () => {
    expect(event).toMatchObject({
      id: 'full',
      number: 12,
      title: 'SRE Paris – Winter edition',
      venue: 'Salle Hopper, 3 rue des Archives, 75004 Paris',
      online: 'https://meet.jit.si/sre-paris-winter',
      url: 'https://example.org/sre-paris/winter',
      description: "Un meetup d'hiver.",
      timezone: 'Europe/Paris',
      source: 'full.yaml',
      warnings: [],
    });
    expect(iso(event.start)).toBe('2026-12-09T18:00:00Z');
    expect(iso(event.end)).toBe('2026-12-09T20:30:00Z');
  });

  it('reads time, start/end, open-ended and untimed slots; an explicit kind wins', () => {
    expect(event.slots.map((slot) => [iso(slot.start), iso(slot.end), slot.kind, slot.title])).toEqual([
      ['2026-12-09T18:00:00Z', '2026-12-09T18:15:00Z', 'welcome', 'Accueil'],
      ['2026-12-09T18:15:00Z', '2026-12-09T18:45:00Z', 'talk', 'Incident reviews that people read'],
      ['2026-12-09T18:45:00Z', '2026-12-09T20:30:00Z', 'lightning', 'Five-minute demo'],
      [undefined, undefined, 'talk', 'Questions ouvertes'],
    ]);
  });

  it('reads speakers as "Name (@handle)" strings or maps, and trims block abstracts', () => {
    expect(event.slots[1]?.speakers).toEqual([
      { name: 'Noor Haddad', handle: 'noorh' },
      { name: 'Pierre Lemaire', handle: 'plemaire', affiliation: 'Fjord Freight', bio: 'Writes post-mortems for fun.' },
    ]);
    expect(event.slots[1]?.abstract).toBe('Two paragraphs.\n\nSecond one.');
  });

  it('takes the number from the title when not given', () => {
    expect(expectEvent(parseText('x.yml', 'title: "Meetup #12"\ndate: 2026-12-09T19:00\n')).number).toBe(12);
  });

  it('reports a number that is no meetup number (0, -3, 1.5, text) as one from 1, with its line', () => {
    for (const value of ['0', '-3', '1.5', '"twelve"']) {
      const problems = expectProblems(
        parseText('n.yaml', `title: "Meetup"\nnumber: ${value}\ndate: 2026-12-09T19:00\n`),
      );
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'number',
          line: 2,
          message: `found ${value.startsWith('"') ? value : Number(value)}, expected a meetup number: a whole number from 1 (number: 12)`,
        }),
      ]);
    }
  });

  it('warns of a Markdown front matter number: 0 in the same words, and takes the title’s #N', () => {
    const { result, warnings } = readEventFile({
      path: 'n.md',
      text: '---\ntitle: "#7 Meetup"\nnumber: 0\ndate: 2026-12-09T19:00\n---\n* 19h00 : Talk - Jane Roe\n',
      timezone: 'Europe/Paris',
    });
    expect(result.kind === 'event' && result.event.number).toBe(7);
    expect(warnings).toEqual([
      expect.objectContaining({
        field: 'number',
        message: "found 0, expected a meetup number: a whole number from 1; the title's #N is used instead",
      }),
    ]);
  });

  it('reports an unknown key with its path, line and the key it probably meant', () => {
    const problems = expectProblems(parseFixture('unknown-key.yaml'));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'unknown-key.yaml',
        severity: 'error',
        field: 'venu',
        line: 3,
        message: 'unknown field "venu"',
        fix: expect.stringContaining('did you mean "venue"?'),
      }),
      expect.objectContaining({
        field: 'slots[0].speker',
        line: 7,
        message: 'unknown field "speker"',
        fix: expect.stringContaining('did you mean "speakers"?'),
      }),
    ]);
  });

  it('reports a bad slot time as `slots[2].time: found "25:00", expected HH:mm-HH:mm`', () => {
    const [problem, ...others] = expectProblems(parseFixture('bad-slot-time.yaml'));
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ file: 'bad-slot-time.yaml', field: 'slots[2].time', line: 8 });
    expect(`${problem?.field}: ${problem?.message}`).toBe(
      'slots[2].time: found "25:00", expected HH:mm-HH:mm like "19:00-19:15"',
    );
  });

  it('reports a missing date, a bad link, an unquoted # title and YAML syntax errors by field or line', () => {
    const missing = expectProblems(parseText('a.yaml', 'title: "#1"\n'));
    expect(missing).toEqual([
      expect.objectContaining({ field: 'date', message: expect.stringMatching(/^missing: .*2026-12-09T19:00/) }),
    ]);
    const link = expectProblems(parseText('b.yaml', 'title: "#1"\ndate: 2026-12-09 19:00\nonline: meet.jit.si/x\n'));
    expect(link).toEqual([
      expect.objectContaining({
        field: 'online',
        line: 3,
        message: 'found "meet.jit.si/x", expected a link starting with https://',
      }),
    ]);
    const comment = expectProblems(parseText('c.yaml', 'title: #1 SRE Paris\ndate: 2026-12-09 19:00\n'));
    expect(comment[0]).toMatchObject({
      field: 'title',
      message: expect.stringContaining('in quotes when it starts with #'),
    });
    const syntax = expectProblems(parseText('d.yaml', 'title: "#1"\ndate: [2026\n'));
    expect(syntax[0]).toMatchObject({
      file: 'd.yaml',
      line: expect.any(Number),
      message: expect.stringContaining('not valid YAML'),
    });
  });

  it('rejects time and start together, and an unknown kind', () => {
    const slot = (lines: string) => `title: "#1"\ndate: 2026-12-09 19:00\nslots:\n  - title: A\n${lines}`;
    const both = expectProblems(parseText('e.yaml', slot('    time: "19:00-19:15"\n    start: "19:00"\n')));
    expect(both).toEqual([
      expect.objectContaining({
        field: 'slots[0].time',
        line: 5,
        message: expect.stringContaining('either time or start/end'),
      }),
    ]);
    const kind = expectProblems(parseText('f.yaml', slot('    kind: keynote\n')));
    expect(kind).toEqual([
      expect.objectContaining({
        field: 'slots[0].kind',
        line: 5,
        message: expect.stringMatching(/^found "keynote", .*"talk"/),
      }),
    ]);
  });
});

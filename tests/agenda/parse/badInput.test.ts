import { describe, expect, it } from 'vitest';
import { expectProblems, parseFixture, parseText } from './helpers.ts';

describe('bad input is reported, never thrown', () => {
  it('25h00: the file, its line and the expected forms', () => {
    const problems = expectProblems(parseFixture('bad-time.md'));
    expect(problems).toEqual([
      {
        file: 'bad-time.md',
        line: 8,
        severity: 'error',
        message: '"25h00" is not a time of day (in "* **19h15-25h00 :** Un talk beaucoup trop long - Zoé Marin")',
        fix: expect.stringContaining('19h00, 19h, 19:00 or 7:00pm'),
      },
    ]);
  });

  it.each([['19h75'], ['13:00pm']])('%s is reported with its line', (time) => {
    const problems = expectProblems(
      parseText('x.md', `---\ntitle: "#1"\ndate: 2026-12-09T19:00\n---\n\n* ${time} : Talk\n`),
    );
    expect(problems).toEqual([
      expect.objectContaining({ file: 'x.md', line: 6, message: expect.stringContaining(`"${time}"`) }),
    ]);
  });

  it('a time alone with no title after it', () => {
    const problems = expectProblems(
      parseText('x.md', '---\ntitle: "#1"\ndate: 2026-12-09T19:00\n---\n* 19h00 : Accueil\n\n20h00 - 20h30\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'x.md',
        line: 7,
        message: '"20h00 - 20h30" has no title',
        fix: expect.stringContaining('next line'),
      }),
    ]);
  });

  it('an empty file', () => {
    expect(expectProblems(parseFixture('empty.md'))).toEqual([
      expect.objectContaining({ file: 'empty.md', severity: 'error', message: 'file is empty' }),
    ]);
    expect(expectProblems(parseText('blank.yaml', '  \n\n'))[0]?.message).toBe('file is empty');
  });

  it('a date that does not parse: the field and the expected form', () => {
    expect(expectProblems(parseFixture('bad-date.md'))).toEqual([
      {
        file: 'bad-date.md',
        line: 3,
        field: 'date',
        severity: 'error',
        message: 'found "le 9 décembre à 19h", which is not a date and time',
        fix: expect.stringContaining('date: 2026-12-09T19:00'),
      },
    ]);
    expect(
      expectProblems(parseText('x.md', '---\ntitle: "#1"\ndate: 2026-02-30T19:00\n---\n* 19h00 : A\n'))[0]?.field,
    ).toBe('date');
  });

  it('a page with no date (and no programme) is not an event; nor is a dated page without programme', () => {
    expect(parseFixture('about.md')).toEqual({
      kind: 'not-event',
      file: 'about.md',
      reason: expect.stringContaining('no `date` in its front matter'),
    });
    expect(parseFixture('blog-post.md')).toEqual({
      kind: 'not-event',
      file: 'blog-post.md',
      reason: expect.stringContaining('no programme'),
    });
  });

  it('no title: falls back to the first # heading, else an error naming `title`', () => {
    const fallback = parseText(
      'x.md',
      '---\ndate: 2026-12-09T19:00\n---\n# Meetup #5 du printemps\n\n* 19h00 : Accueil\n',
    );
    expect(fallback.kind === 'event' && [fallback.event.title, fallback.event.number]).toEqual([
      'Meetup #5 du printemps',
      5,
    ]);
    const numbered = parseText(
      'x.md',
      '---\ntitle: Winter edition\nnumber: 12\ndate: 2026-12-09T19:00\n---\n* 19h00 : Accueil\n',
    );
    expect(numbered.kind === 'event' && numbered.event.number).toBe(12);
    const problems = expectProblems(parseText('x.md', '---\ndate: 2026-12-09T19:00\n---\n* 19h00 : Accueil\n'));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'x.md', field: 'title', fix: expect.stringContaining('title: "#12') }),
    ]);
  });

  it('front matter that is never closed, or is not valid YAML or TOML', () => {
    expect(expectProblems(parseText('a.md', '---\ntitle: x\ndate: 2026-12-09T19:00\n* 19h00 : A\n'))[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('never closed'),
    });
    expect(expectProblems(parseText('b.md', '---\ntitle: x\ndate: [oops\n---\n* 19h00 : A\n'))[0]).toMatchObject({
      file: 'b.md',
      line: expect.any(Number),
      message: expect.stringContaining('not valid YAML'),
    });
    expect(expectProblems(parseText('c.md', '+++\ntitle = "x\n+++\n'))[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('TOML'),
    });
    expect(expectProblems(parseText('d.md', '+++\ntitle = "x"\n* 19h00 : A\n'))[0]?.message).toContain('never closed');
  });

  it('an `end` that is neither a time nor a date-time', () => {
    const problems = expectProblems(
      parseText('x.md', '---\ntitle: "#1"\ndate: 2026-12-09T19:00\nend: late\n---\n* 19h00 : A\n'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'end',
        message: expect.stringContaining('"late"'),
        fix: expect.stringContaining('21:30'),
      }),
    ]);
  });

  it('an unknown community zone', () => {
    expect(
      expectProblems(parseText('x.md', '---\ndate: 2026-12-09T19:00\n---\n', 'Europe/Pariss'))[0]?.message,
    ).toContain('"Europe/Pariss"');
  });

  it('front-matter keys of the wrong shape are warnings, and other Hugo keys are ignored', () => {
    const result = parseText(
      'x.md',
      '---\ntitle: "#1"\ndate: 2026-12-09T19:00\nvenue: [a, b]\nbigimg: [{src: x}]\ndraft: false\n---\n* 19h00 : A\n',
    );
    expect(result.kind === 'event' && result.event.warnings).toEqual([
      expect.stringMatching(/^x\.md:4, field `venue`: found \["a","b"\], expected text/),
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFlatYaml } from '../../../src/agenda/parse/flatYaml.ts';
import { fixturesDir, repoRoot } from './helpers.ts';

/** The quick reader of flat front matters must give what the YAML parser gives, or step aside. */
const TRICKY = [
  'title: "#4 SRE Paris"\ndate: 2019-09-18T19:00:00-01:00',
  "title: 'L''apéro'\nvenue: Salle 3, Paris",
  'title: x # a comment',
  'title: a: b',
  'number: 12\nonline: true',
  'title: True story\nend: 21:30',
  'url: https://example.org/a?b=c',
  'draft:\ntitle: x',
  'title: x\ntitle: y',
  'tags: [a, b]',
  'event:\n  date: 2026-07-16',
  '# comment\ntitle: "a \\" b"',
  'title: ~\nnote: null',
  'title: -1 day',
  'title: @handle',
  'date: 2026-12-09 19:00',
  'title: x\r\ndate: 2026-12-09',
  'title: Meetup — édition d’hiver',
];

function frontMatters(): string[] {
  const dirs = [fixturesDir, path.join(fixturesDir, '../pages'), path.join(repoRoot, 'config/events/sre-paris')];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(dir, name), 'utf8'))?.[1])
      .filter((text): text is string => text !== undefined),
  );
}

describe('readFlatYaml', () => {
  it.each([...TRICKY, ...frontMatters()].map((text) => [text]))(
    '%j: same value as the YAML parser, or none',
    (text) => {
      const flat = readFlatYaml(text, 2);
      if (flat) expect(flat.value).toEqual(parse(text));
    },
  );

  it('reads the plain front matter of a page, with the line of each key', () => {
    const flat = readFlatYaml('title: "#4 SRE Paris"\n\ndate: 2019-09-18T19:00:00-01:00\nvenue: Salle 3, Paris', 2);
    expect(flat?.value).toEqual({ title: '#4 SRE Paris', date: '2019-09-18T19:00:00-01:00', venue: 'Salle 3, Paris' });
    expect([flat?.lineOfField(['date']), flat?.lineOfField(['venue']), flat?.lineOfField(['end'])]).toEqual([
      4,
      5,
      undefined,
    ]);
  });

  it('leaves nesting, lists, numbers, booleans, escapes, comments after a value and repeated keys to the parser', () => {
    for (const text of [
      'tags: [a, b]',
      'event:\n  date: 2026-07-16',
      'number: 12',
      'online: true',
      'title: "a \\" b"',
      'title: x # c',
      'title: x\ntitle: y',
    ]) {
      expect(readFlatYaml(text, 2)).toBeUndefined();
    }
  });
});

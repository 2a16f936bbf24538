import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../../src/agenda/parse/frontMatter.ts';
import { fixturesDir, repoRoot } from './helpers.ts';

/**
 * A page with `\n` line ends is read by slicing its text; with `\r\n` it is read line by line.
 * Both must give the same front matter, body and lines, or the same problem.
 */
const PAGES = [
  '---\ntitle: x\n---\nbody\n',
  '---\ntitle: x\n---',
  '---\ntitle: x\n---\n',
  '---\n---\nbody',
  '---  \ntitle: x\n...\n# Heading\n\ntext',
  '---\ntitle: x\ndate: 2026-12-09 19:00\n',
  '---\ntitle: x',
  '---',
  '---\n',
  '\uFEFF---\ntitle: x\n---\nbody',
  '+++\ntitle = "x"\n+++\nbody',
  'no front matter\n---\ntext',
  '---\ntitle: [unclosed\n---\nbody',
  '---\ntitle: x\n---\n\n---\nnot the fence\n',
];

function fixturePages(): string[] {
  const dirs = [fixturesDir, path.join(fixturesDir, '../pages'), path.join(repoRoot, 'config/events/sre-paris')];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8')),
  );
}

/** What a reading says, its lineOf asked for a few keys. */
function summary(text: string): unknown {
  const read = readFrontMatter(text);
  if (!read.ok) return read;
  const { data, body, bodyLine, lineOf } = read.frontMatter;
  const lines = ['title', 'date', 'venue', 'missing'].map((key) => lineOf([key]));
  return { data, body, bodyLine, lines };
}

describe('readFrontMatter', () => {
  it.each(PAGES)('reads %j as it reads the same page with \\r\\n line ends', (page) => {
    expect(summary(page)).toEqual(summary(page.replace(/\n/g, '\r\n')));
  });

  it('reads every fixture page as it reads it with \\r\\n line ends', () => {
    const pages = fixturePages().filter((page) => !page.includes('\r'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(summary(page)).toEqual(summary(page.replace(/\n/g, '\r\n')));
  });

  it('gives the body after the closing fence and the line it starts on', () => {
    const read = readFrontMatter('---\ntitle: "#4 SRE"\nvenue: Salle 3\n---\n### Programme\n');
    expect(read.ok && read.frontMatter).toMatchObject({
      data: { title: '#4 SRE', venue: 'Salle 3' },
      body: '### Programme\n',
      bodyLine: 5,
    });
  });
});

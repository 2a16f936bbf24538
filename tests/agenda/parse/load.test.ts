import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEventFolder } from '../../../src/agenda/load.ts';
import { fixtureText, iso, repoRoot } from './helpers.ts';

describe('loadEventFolder', () => {
  it('loads the SRE Paris sample: 4 events sorted by start, with the warning of meetup #4', async () => {
    const dir = path.join(repoRoot, 'config/events/sre-paris');
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => [event.id, event.number, iso(event.start)])).toEqual([
      ['2019-09-18-meetup-4', 4, '2019-09-18T17:00:00Z'],
      ['2020-09-30-meetup-7', 7, '2020-09-30T17:00:00Z'],
      ['2026-06-17-meetup-12', 12, '2026-06-17T17:00:00Z'],
      ['2027-01-20-meetup-13', 13, '2027-01-20T18:00:00Z'],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, '2019-09-18-meetup-4.md'),
        field: 'date',
        severity: 'warning',
        message: expect.stringContaining('-01:00'),
        fix: 'write the time without an offset: date: 2019-09-18T19:00',
      }),
    ]);
  });

  it('the sample files keep the seeds verbatim', async () => {
    const { readFile } = await import('node:fs/promises');
    const dir = path.join(repoRoot, 'config/events/sre-paris');
    expect(await readFile(path.join(dir, '2019-09-18-meetup-4.md'), 'utf8')).toBe(fixtureText('seed-000-meetup-4.md'));
    expect(await readFile(path.join(dir, '2020-09-30-meetup-7.md'), 'utf8')).toMatch(
      new RegExp(`\\n---\\n${escape(fixtureText('seed-001-meetup-7.md'))}$`),
    );
  });

  it('the upcoming meetup #13 has a venue, talks with details and a lightning slot', async () => {
    const { events } = await loadEventFolder(path.join(repoRoot, 'config/events/sre-paris'), 'Europe/Paris');
    const next = events.at(-1);
    expect(next?.venue).toContain('Paris');
    expect(
      next?.slots
        .filter((slot) => slot.kind === 'talk')
        .every((slot) => slot.speakers[0]?.affiliation && slot.abstract),
    ).toBe(true);
    expect(next?.slots.some((slot) => slot.kind === 'lightning' && slot.speakers.length === 0)).toBe(true);
  });

  it('reports a missing folder as an error naming it', async () => {
    const dir = path.join(tmpdir(), 'emcee-no-such-folder');
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        file: dir,
        severity: 'error',
        message: expect.stringContaining(dir),
        fix: expect.any(String),
      }),
    ]);
  });

  it('reads .md, .markdown, .yaml, .yml as meetups; reports errors, not-events and other files as warnings, duplicate ids and numbers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emcee-events-'));
    const event = (hour: number) =>
      `---\ntitle: "#1"\ndate: 2026-12-09T${hour}:00\n---\n* ${hour}h00 : Talk - Jane Roe\n`;
    await writeFile(path.join(dir, 'b.markdown'), event(20));
    await writeFile(path.join(dir, 'a.md'), event(19));
    await writeFile(path.join(dir, 'c.yml'), 'title: "#3"\ndate: 2026-12-08 19:00\n');
    await writeFile(path.join(dir, 'c.yaml'), 'title: "#3 bis"\ndate: 2026-12-10 19:00\n');
    await writeFile(path.join(dir, 'about.md'), fixtureText('about.md'));
    await writeFile(path.join(dir, 'broken.md'), fixtureText('bad-time.md'));
    await writeFile(path.join(dir, 'notes.txt'), 'not read');
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    // c.yaml comes before c.yml by name, so it is the one kept
    expect(events.map((loaded) => [loaded.id, iso(loaded.start)])).toEqual([
      ['a', '2026-12-09T18:00:00Z'],
      ['b', '2026-12-09T19:00:00Z'],
      ['c', '2026-12-10T18:00:00Z'],
    ]);
    expect(problems.map((problem) => [path.basename(problem.file), problem.severity, problem.line])).toEqual([
      ['about.md', 'warning', undefined],
      ['broken.md', 'error', 8],
      ['notes.txt', 'warning', undefined],
      ['c.yml', 'error', undefined],
      // a.md and b.markdown are both #1
      ['b.markdown', 'warning', 2],
    ]);
    expect(problems[0]?.message).toContain('not read as a meetup');
    expect(problems[2]?.message).toMatch(/^skipped: unknown extension ".txt"/);
    expect(problems[3]?.message).toBe(`gives the same event id "c" as ${path.join(dir, 'c.yaml')}; it is ignored`);
  });

  it('reads Hugo page bundles one level down (folder/index.md, index.yaml), the folder as id, and nothing else of them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emcee-bundles-'));
    const page = (day: number) => `---\ntitle: "Meetup"\ndate: 2026-12-${day}T19:00\n---\n* 19h00 : Talk - Jane Roe\n`;
    for (const folder of ['meetup-12', 'meetup-13', 'notes', '.drafts', 'meetup-13/deeper'])
      await mkdir(path.join(dir, folder), { recursive: true });
    await writeFile(path.join(dir, 'meetup-11.md'), page(8));
    await writeFile(path.join(dir, 'meetup-12', 'index.md'), page(9));
    await writeFile(path.join(dir, 'meetup-12', 'cover.jpg'), 'not an image');
    await writeFile(path.join(dir, 'meetup-13', 'index.yaml'), 'title: "Meetup"\ndate: 2026-12-10 19:00\n');
    await writeFile(path.join(dir, 'meetup-13', 'deeper', 'index.md'), page(11));
    await writeFile(path.join(dir, 'notes', 'readme.md'), page(12));
    await writeFile(path.join(dir, '.drafts', 'index.md'), page(13));
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(problems).toEqual([]);
    expect(events.map((event) => [event.id, iso(event.start), path.relative(dir, event.source)])).toEqual([
      ['meetup-11', '2026-12-08T18:00:00Z', 'meetup-11.md'],
      ['meetup-12', '2026-12-09T18:00:00Z', path.join('meetup-12', 'index.md')],
      ['meetup-13', '2026-12-10T18:00:00Z', path.join('meetup-13', 'index.yaml')],
    ]);
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a page listing several meetups', () => {
  it('gives one event each in the folder, with the file name and day as id', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emcee-several-'));
    const page =
      '---\ntitle: "Data meetups"\n---\n- Date: 30 January, 2020 at 17:00 - 20:00\n\n* 17:00 - Welcome\n* 17:30 - Joins by Ada Martin\n\n- Date: 27 February, 2020 at 18:00 - 21:00\n\n* 18:00 - Welcome\n* 18:30 - Contracts by Bo Chen\n';
    await writeFile(path.join(dir, 'meetups-2020.md'), page);
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(problems).toEqual([]);
    expect(events.map((event) => [event.id, iso(event.start), iso(event.end)])).toEqual([
      ['meetups-2020-2020-01-30', '2020-01-30T16:00:00Z', '2020-01-30T19:00:00Z'],
      ['meetups-2020-2020-02-27', '2020-02-27T17:00:00Z', '2020-02-27T20:00:00Z'],
    ]);
  });
});

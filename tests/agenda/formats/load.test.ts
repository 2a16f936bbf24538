import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEventFolder } from '../../../src/agenda/load.ts';
import { formatsDir, formatText } from './helpers.ts';

const meetup = (day: number) =>
  `---\ntitle: "#${day} SRE"\ndate: 2026-12-${day}T19:00\n---\n* 19h00-19h30 : Talk - Jane Roe\n`;

async function folder(files: Record<string, string>, fixtures: string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-formats-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  for (const name of fixtures) await copyFile(path.join(formatsDir, name), path.join(dir, name));
  return dir;
}

const summary = (problems: Awaited<ReturnType<typeof loadEventFolder>>['problems']) =>
  problems.map((problem) => [path.basename(problem.file), problem.severity, problem.line, problem.leftOut ?? false]);

describe('loading a folder of mixed formats', () => {
  it('reads Markdown beside pretalx JSON, frab XML, Sessionize JSON and iCalendar, every event sorted by start', async () => {
    const dir = await folder({ '2026-12-09-meetup.md': meetup(9) }, [
      'pretalx-schedule.json',
      'frab-schedule.xml',
      'sessionize-all.json',
      'meetups-vtimezone.ics',
    ]);
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => event.id)).toEqual([
      'opsnight26-2026-03-28',
      'opsnight26-2026-03-29',
      'cnrd-2026-2026-10-07',
      'cnrd-2026-2026-10-08',
      'sessionize-all-2026-11-19',
      '2026-12-09-meetup',
      'meetups-vtimezone-2027-02-17',
      'meetups-vtimezone-2027-03-31',
    ]);
    // The one warning (a Sessionize session with no time yet) is on its file and on the event.
    expect(summary(problems)).toEqual([['sessionize-all.json', 'warning', undefined, false]]);
    expect(events[4]?.warnings).toEqual([
      expect.stringContaining('sessionize-all.json: 1 session(s) have no time yet'),
    ]);
  });

  it('a broken file beside good ones: reported with line, found and expected, left out, and the others served', async () => {
    // Every talk unreadable: nothing of the schedule is left to show, so the file is the error.
    const broken = formatText('pretalx-schedule.json').replace(/"duration": "[^"]+"/g, '"duration": "3/4 h"');
    const dir = await folder({ 'a.md': meetup(9), 'schedule.json': broken, 'z.md': meetup(16) }, ['broken.ics']);
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => event.id)).toEqual(['a', 'z']);
    const lines = broken.split('\n').flatMap((line, i) => (line.includes('3/4 h') ? [i + 1] : []));
    expect(lines).toHaveLength(5);
    expect(summary(problems)).toEqual([
      ['broken.ics', 'error', 6, true],
      ...lines.map((line) => ['schedule.json', 'error', line, true]),
    ]);
    expect(problems[1]?.message).toBe(
      'talk left out ("Error budgets without tears"): found "3/4 h", expected a duration HH:MM like "00:30"',
    );
  });

  it('a schedule with one unreadable talk: the others served, one warning on its file naming the field and talk', async () => {
    const text = formatText('pretalx-schedule.json').replace('"duration": "01:30"', '"duration": "90 min"');
    const dir = await folder({ 'schedule.json': text });
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => event.id)).toEqual(['cnrd-2026-2026-10-07', 'cnrd-2026-2026-10-08']);
    expect(events[0]?.slots.map((slot) => slot.title)).toEqual([
      'eBPF for the rest of us',
      'Error budgets without tears',
      'Midnight incident stories',
    ]);
    const line = text.split('\n').findIndex((one) => one.includes('"90 min"')) + 1;
    expect(summary(problems)).toEqual([['schedule.json', 'warning', line, false]]);
    expect(events[0]?.warnings).toEqual([
      expect.stringContaining(
        `schedule.json:${line}, field \`schedule.conference.days[0].rooms.Salle Turing[1].duration\`: talk left out ("Chaos engineering workshop"): found "90 min"`,
      ),
    ]);
  });

  it('a foreign file in the folder is skipped with its reason, never an error: unknown extension, not a schedule, a site data file', async () => {
    const dir = await folder({
      'a.md': meetup(9),
      'logo.png': '\u0089PNG',
      'notes.txt': 'remember the pizzas',
      'package.json': '{"name": "site"}',
      '_data.yaml': 'menu:\n  - home\n',
      '.gitkeep': '',
    });
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => event.id)).toEqual(['a']);
    expect(summary(problems)).toEqual([
      ['_data.yaml', 'warning', undefined, true],
      ['logo.png', 'warning', undefined, true],
      ['notes.txt', 'warning', undefined, true],
      ['package.json', 'warning', undefined, true],
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'not read as a meetup: a YAML file without title, date or slots',
      'skipped: unknown extension ".png"',
      'skipped: unknown extension ".txt", and the text is neither iCalendar nor frab XML',
      expect.stringMatching(/^not read as a meetup: a JSON file that is neither a pretalx\/frab schedule/),
    ]);
  });

  it('a calendar saved without an extension is read by its first line', async () => {
    const dir = await folder({ calendar: formatText('conference-utc.ics') });
    const { events } = await loadEventFolder(dir, 'Europe/Paris');
    expect(events.map((event) => event.id)).toEqual(['calendar-2026-09-15']);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Agenda } from '../../src/agenda/agenda.ts';
import { loadEventFolder } from '../../src/agenda/load.ts';

const markdown = (title: string, date: string) =>
  `---\ntitle: "${title}"\ndate: ${date}\n---\n* 19h00-20h00 : Talk - Jane Roe\n`;

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-duplicates-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('two meetups with the same number or at the same instant', () => {
  it('the same number: a warning on the later one naming both files and lines; /agenda 20 answers the earlier one', async () => {
    const dir = await folder({
      'b-winter.md': markdown('#20 Winter', '2026-12-09T19:00'),
      'a-spring.yaml': 'title: Spring\nnumber: 20\ndate: 2027-03-10 19:00\n',
    });
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(problems).toEqual([
      {
        file: path.join(dir, 'a-spring.yaml'),
        line: 2,
        severity: 'warning',
        message:
          'has the same number, 20, as b-winter.md:2; /agenda 20 shows b-winter.md, the earlier one, and this one still answers /agenda a-spring',
        fix: expect.stringContaining('its own number'),
      },
    ]);
    const agenda = new Agenda([...events].reverse());
    expect(agenda.find('20')?.id).toBe('b-winter');
    expect(agenda.find('2027-03-10')?.id).toBe('a-spring');
    expect(events.find((event) => event.id === 'a-spring')?.warnings).toEqual([
      expect.stringContaining('a-spring.yaml:2: has the same number'),
    ]);
  });

  it('the same instant: a warning naming both files; /agenda and /agenda now answer the first by file name, before and during', async () => {
    const dir = await folder({
      'y.md': markdown('#21 Copy', '2026-12-09T19:00'),
      'x.md': markdown('#20 Winter', '2026-12-09T19:00'),
    });
    const { events, problems } = await loadEventFolder(dir, 'Europe/Paris');
    expect(problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, 'y.md'),
        line: 3,
        severity: 'warning',
        message:
          'starts at the same time (2026-12-09 19:00) as x.md:3; /agenda shows x.md, and this one still answers /agenda y',
      }),
    ]);
    for (const order of [events, [...events].reverse()]) {
      const agenda = new Agenda(order);
      expect(agenda.next(DateTime.fromISO('2026-12-01T12:00:00Z'))?.id).toBe('x');
      expect(agenda.next(DateTime.fromISO('2026-12-09T18:30:00Z'))?.id).toBe('x');
      expect(agenda.onNow(DateTime.fromISO('2026-12-09T18:30:00Z'))?.event.id).toBe('x');
      expect(agenda.find('2026-12-09')?.id).toBe('x');
      expect(agenda.find('21')?.id).toBe('y');
    }
  });

  it('different numbers at different times: no warning', async () => {
    const dir = await folder({
      'a.md': markdown('#20', '2026-12-09T19:00'),
      'b.md': markdown('#21', '2027-01-13T19:00'),
    });
    expect((await loadEventFolder(dir, 'Europe/Paris')).problems).toEqual([]);
  });
});

import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.ts';

function copyOfSampleConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-check-'));
  cpSync(path.join(ROOT, 'config'), dir, { recursive: true });
  return dir;
}

describe('emcee check-config', () => {
  it('lists every event of the sample community with its slot count and the warnings, exit 0', async () => {
    const result = await runCli(['check-config']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sre-paris: .*Europe\/Paris, fr/);
    expect(result.stdout).toMatch(/2019-09-18 19:00 {2}#4 2019-09-18-meetup-4: 6 slot\(s\)/);
    expect(result.stdout).toMatch(/2020-09-30 19:00 {2}#7 2020-09-30-meetup-7: 5 slot\(s\)/);
    expect(result.stdout).toMatch(/warning: .*2019-09-18-meetup-4\.md.*-01:00/);
    expect(result.stdout).toMatch(/configuration is valid/);
  });

  it('gives every warning its file and line', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(
      path.join(dir, 'events', 'sre-paris', '2027-03-10-meetup-14.md'),
      '---\ntitle: "#14 Night"\nvenue: [a, b]\ndate: 2027-03-10T19:00\n---\n* **19h00-19h30 :** Accueil\n* **19h30-19h20 :** Talk - Jane Roe\n',
    );
    const result = await runCli(['check-config', '--config', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning: \S*2019-09-18-meetup-4\.md:3, field `date`: .*-01:00/);
    expect(result.stdout).toMatch(/warning: \S*2027-03-10-meetup-14\.md:3, field `venue`: /);
    expect(result.stdout).toMatch(
      /warning: \S*2027-03-10-meetup-14\.md:7: the slot "Talk" \(19:30-19:20\) ends before it starts/,
    );
    expect(result.stdout).toMatch(/configuration is valid \(3 warning\(s\)\)/);
  });

  it('exits 1 on a wrong zone, naming file and field, with no stack trace', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(
      path.join(dir, 'communities', 'sre-paris.yaml'),
      'name: SRE Paris\ntimezone: Europe/Pari\nlocale: fr\n',
    );
    const result = await runCli(['check-config', '--config', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/sre-paris\.yaml:2, field `timezone`: found "Europe\/Pari"/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on an event with an impossible time, naming the line', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(
      path.join(dir, 'events', 'sre-paris', '2027-03-10-broken.md'),
      '---\ntitle: "#14 Broken"\ndate: 2027-03-10T19:00\n---\n* **19h00-19h15 :** Accueil\n* **25h00-25h30 :** Too late\n',
    );
    const result = await runCli(['check-config', '--config', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2027-03-10-broken\.md.*6.*25h00/);
  });

  it('exits 1 on an empty event file', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(path.join(dir, 'events', 'sre-paris', '2027-04-01-empty.md'), '');
    const result = await runCli(['check-config', '--config', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2027-04-01-empty\.md.*empty/);
  });

  it('names every file it skipped and why, lists a conference day by day, and stays valid', async () => {
    const dir = copyOfSampleConfig();
    const events = path.join(dir, 'events', 'sre-paris');
    cpSync(path.join(ROOT, 'tests/fixtures/formats/pretalx-schedule.json'), path.join(events, 'schedule.json'));
    writeFileSync(path.join(events, 'notes.txt'), 'remember the pizzas');
    writeFileSync(path.join(events, 'sponsors.json'), '{"sponsors": ["Example"]}');
    const result = await runCli(['check-config', '--config', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/2026-10-07 09:30 {2}cnrd-2026-2026-10-07: 4 slot\(s\)/);
    expect(result.stdout).toMatch(/2026-10-08 09:00 {2}cnrd-2026-2026-10-08: 1 slot\(s\)/);
    expect(result.stdout).toMatch(/warning: \S*notes\.txt: skipped: unknown extension ".txt"/);
    expect(result.stdout).toMatch(/warning: \S*sponsors\.json: not read as a meetup: a JSON file that is neither/);
    expect(result.stdout).toMatch(/✓ configuration is valid \(3 warning\(s\); 2 file\(s\) skipped\)/);
  });

  it('a conference is shown a day at a time: `emcee agenda DATE` gives that day with its rooms', async () => {
    const dir = copyOfSampleConfig();
    cpSync(
      path.join(ROOT, 'tests/fixtures/formats/frab-schedule.xml'),
      path.join(dir, 'events', 'sre-paris', 'schedule.xml'),
    );
    const second = await runCli(['agenda', '2026-03-29', '--json', '--config', dir]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      id: 'opsnight26-2026-03-29',
      title: 'Ops Night Lille & Friends 2026 (day 2/2)',
      slots: [{ title: 'Brunch' }],
    });
    const first = await runCli(['agenda', '2026-03-28', '--config', dir], [], { EMCEE_NOW: '2026-03-28T12:00' });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Blameless postmortems, for real[^\n]*Clémence Vasseur, Baptiste Lemaire/);
    expect(first.stdout).toContain('Night shift: pager stories');
    expect(first.stdout).not.toContain('Brunch');
  });

  it('a broken event file fails check-config with its line, while the bot and `emcee agenda` serve the other events', async () => {
    const dir = copyOfSampleConfig();
    const events = path.join(dir, 'events', 'sre-paris');
    writeFileSync(
      path.join(events, 'schedule.ics'),
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nno colon here\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    const check = await runCli(['check-config', '--config', dir]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/error: \S*schedule\.ics:5: not valid iCalendar: .*"no colon here"/);
    expect(check.stdout).toMatch(
      /✗ 1 error\(s\), 1 warning\(s\); 1 left out because of an error \(the bot serves the others\)/,
    );
    const agenda = await runCli(['agenda', '4', '--json', '--config', dir]);
    expect(agenda.code).toBe(0);
    expect(JSON.parse(agenda.stdout).id).toBe('2019-09-18-meetup-4');
    const console = await runCli(['start', '--config', dir], ['/agenda 13']);
    expect(console.code).toBe(0);
    expect(console.stdout).toContain('#13');
  });

  it('refuses to start on a config with an error, with the same message', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(
      path.join(dir, 'communities', 'sre-paris.yaml'),
      'name: SRE Paris\ntimezone: Europe/Paris\nlocale: fr\nlocal: en\n',
    );
    const result = await runCli(['start', '--config', dir], ['/agenda']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/field `local`: unknown field `local`: did you mean `locale`\?/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the folder named by EMCEE_CONFIG when --config is not given', async () => {
    const dir = copyOfSampleConfig();
    writeFileSync(
      path.join(dir, 'communities', 'sre-paris.yaml'),
      'name: Renamed meetup\ntimezone: Europe/Paris\nlocale: fr\n',
    );
    const result = await runCli(['check-config'], [], { EMCEE_CONFIG: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sre-paris: Renamed meetup (Europe/Paris, fr)');
  });
});

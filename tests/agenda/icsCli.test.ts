import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { sqliteStore } from '../../src/store/sqliteStore.ts';
import { runCli } from '../support/cli.ts';
import { harness } from '../support/harness.ts';

const NOW = '2026-12-01T10:00:00+01:00';
const organiser = { id: 'org', displayName: 'org', organiser: true };

/** A SQLite store where alice's lightning talk for meetup #13 was accepted. */
async function storeWithAcceptedTalk(): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'emcee-agenda-cli-')), 'emcee.sqlite');
  const store = await sqliteStore(file);
  const bot = await harness({ now: NOW, store });
  await bot.run('/propose event:13 title:"Chaos à la carte" abstract:"Des pannes au menu." duration:5', {
    id: 'alice',
    displayName: 'alice',
  });
  await bot.run('/proposals accept 1', organiser);
  await bot.app.close();
  return `sqlite://${file}`;
}

describe('emcee agenda EVENT --json and --ics, with the accepted lightning talks', () => {
  it('--json lists them as /agenda does; --ics is a calendar ical.js reads, with them in DESCRIPTION', async () => {
    const env = { STORE_URL: await storeWithAcceptedTalk(), EMCEE_NOW: NOW };
    const json = await runCli(['agenda', '13', '--json'], [], env);
    expect(json.code).toBe(0);
    const event = JSON.parse(json.stdout);
    expect(event.lightning).toEqual([
      expect.objectContaining({
        title: 'Chaos à la carte',
        kind: 'lightning',
        minutes: 5,
        speakers: [expect.objectContaining({ name: 'alice' })],
      }),
    ]);

    const ics = await runCli(['agenda', '13', '--ics'], [], env);
    expect(ics.code).toBe(0);
    const vevent = new ICAL.Component(ICAL.parse(ics.stdout) as unknown[]).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe('2027-01-20-meetup-13@sre-paris.emcee');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('Chaos à la carte (5 min) - alice');
  });

  it('refuses --json with --ics', async () => {
    const result = await runCli(['agenda', '13', '--json', '--ics'], [], { STORE_URL: 'memory://' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('choose one');
  });
});

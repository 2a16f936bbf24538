import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const store = () => ({
  STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-console-')), 'emcee.sqlite')}`,
});

describe('the console, driven through stdin as a user would', () => {
  it('answers each command line in French, then exits at the end of input', async () => {
    const result = await runCli(
      ['start', '--user', 'alice'],
      ['/help', '/agenda', '/agenda 4', 'bonjour', '/agenda colour:red'],
      {
        ...store(),
        EMCEE_NOW: '2026-11-23T12:00:00+01:00',
      },
    );
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(
      /== Commandes de Site Reliability Engineering Paris ==\n {2}• \/agenda — Programme du prochain meetup/,
    );
    expect(out).toMatch(/== #13 .*==\nLe mercredi 20 janvier 2027, 19:00/);
    expect(out).toMatch(/== #4 Site Reliability Engineering - Meetup de la rentrée ==/);
    expect(out).toContain('Les commandes commencent par une barre oblique');
    expect(out).toContain('Je ne connais pas l’option «\u202fcolour\u202f»');
    expect(out).toContain('Vous avez tapé\u202f: /agenda colour:red');
  });

  it('in a pipe, refuses a one-liner that would need a form and runs the next line as a command', async () => {
    const result = await runCli(['start', '--locale', 'en'], ['/propose title:x', '/agenda', '/propose', '/agenda 4'], {
      ...store(),
      EMCEE_NOW: '2026-11-23T12:00:00+01:00',
    });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('Nothing was saved: without a terminal, /propose must be complete on its line');
    expect(out).toContain(
      'Missing: abstract (Abstract), duration (Duration (minutes)).\nType it on one line, e.g. /propose title:x abstract:"…" duration:5\n== #13 ',
    );
    // A bare /propose still opens its form; a line starting with a slash ends it and runs.
    expect(out).toMatch(/== Lightning talk · #13 ==\nForm cancelled: nothing was saved\.\n== #4 /);
  });

  it('says when an answer is shared with the whole channel', async () => {
    const result = await runCli(['start', '--locale', 'en'], ['/agenda 4 share', '/agenda 4'], {
      ...store(),
      EMCEE_NOW: '2026-11-23T12:00:00+01:00',
    });
    expect(result.stdout.match(/\[shown to everyone in the channel\]/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/^\[shown to everyone in the channel\]\n== #4 /);
  });

  it('speaks English with --locale en', async () => {
    const result = await runCli(['start', '--locale', 'en'], ['/agenda 4'], {
      ...store(),
      EMCEE_NOW: '2026-11-23T12:00:00+01:00',
    });
    expect(result.stdout).toContain('Wednesday, September 18, 2019, 7:00 PM – 9:00 PM');
  });

  it('rehearses an evening with EMCEE_NOW: the clock starts there and runs on', async () => {
    const result = await runCli(['start'], ['/agenda now'], { ...store(), EMCEE_NOW: '2019-09-18T19:35:00+02:00' });
    expect(result.stdout).toMatch(/En ce moment\u202f: 19:30–19:40 {2}Adopter une posture de SRE — Rénald/);
  });

  it('rejects a bad EMCEE_NOW or --as with a clear message and exit 1', async () => {
    const badNow = await runCli(['start'], [], { ...store(), EMCEE_NOW: 'tomorrow' });
    expect(badNow.code).toBe(1);
    expect(badNow.stderr).toContain('EMCEE_NOW="tomorrow" is not an ISO instant');
    const badRole = await runCli(['start', '--as', 'admin'], [], store());
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--as takes "member" or "organiser", not "admin"');
  });
});

describe('a store that cannot be used', () => {
  it('stops at start-up with what is wrong with STORE_URL and how to fix it', async () => {
    const unknown = await runCli(['start'], [], { STORE_URL: 'postgres://127.0.0.1/emcee' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('STORE_URL="postgres://127.0.0.1/emcee" is not understood: use sqlite://');
    const down = await runCli(['start'], [], { STORE_URL: 'redis://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /STORE_URL="redis:\/\/127\.0\.0\.1:1" cannot be reached \(.*ECONNREFUSED.*\): start the server or fix STORE_URL/,
    );
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('emcee agenda', () => {
  it('exports one event as JSON with instants in the community offset', async () => {
    const result = await runCli(['agenda', '4', '--json']);
    expect(result.code).toBe(0);
    const event = JSON.parse(result.stdout);
    expect(event).toMatchObject({
      id: '2019-09-18-meetup-4',
      number: 4,
      start: '2019-09-18T19:00:00.000+02:00',
      timezone: 'Europe/Paris',
    });
    expect(event.slots).toHaveLength(6);
    expect(event.slots[3]).toMatchObject({
      start: '2019-09-18T19:40:00.000+02:00',
      end: '2019-09-18T20:00:00.000+02:00',
      title: 'Elastic Pod Controller',
      kind: 'talk',
      speakers: [{ name: 'Florian Grignon', handle: null, affiliation: 'Head of Infrastructure @ Keeneye' }],
    });
    expect(event.warnings.join()).toContain('-01:00');
  });

  it('names an unknown event', async () => {
    const result = await runCli(['agenda', '42']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no event "42"');
  });
});

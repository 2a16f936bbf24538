import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

/** A day after meetup #12 ended (2026-06-17 21:30, Paris). */
const NOW = '2026-06-18T21:30:00+02:00';

describe('/feedback in the console, several processes on one SQLite file', () => {
  it('takes answers from separate member processes, replaces a resubmission, then gives organisers the summary and the CSV', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emcee-feedback-cli-'));
    const env = { STORE_URL: `sqlite://${path.join(dir, 'emcee.sqlite')}`, EMCEE_NOW: NOW, EMCEE_FEEDBACK_SECRET: '' };
    const member = (user: string, lines: string[], locale?: string) =>
      runCli(['start', '--as', 'member', '--user', user, ...(locale ? ['--locale', locale] : [])], lines, env);

    const alice = await member('alice', ['/feedback rating:5 worked:"les démos en direct"', '/feedback summary']);
    expect(alice.code).toBe(0);
    expect(alice.stdout).toContain(
      "Merci\u202f! Votre avis sur #12 SRE Paris – Édition d'été est enregistré\u202f: 5/5.",
    );
    // The generated secret is announced once per process, with how to set one.
    expect(alice.stderr).toContain('EMCEE_FEEDBACK_SECRET is not set');
    expect(alice.stdout).toContain('Seuls les organisateurs de Site Reliability Engineering Paris voient le bilan');

    // The form, answered on the lines that follow the command: rating, worked, improve, talks.
    const bob = await member('bob', ['/feedback', '4', '', 'plus de pauses, et des "questions"', '1:5 2:3']);
    expect(bob.stdout).toContain('== Votre avis sur #12 ==');
    expect(bob.stdout).toContain('1. Du chaos engineering en production, sans casser la prod — 5/5');
    expect(bob.stdout).toContain('2. Prévoir la capacité avec trois lignes de SQL — 3/5');

    // A wrong rating in the form is asked again (with the empty optional fields); what was typed is kept.
    const carol = await member('carol', ['/feedback', 'cinq', 'le lieu', '', '', '2', '', '']);
    expect(carol.stdout).toContain('⚠ Note globale, de 1 (bof) à 5 (top) doit être un nombre entier de 1 à 5.');
    expect(carol.stdout).toContain('enregistré\u202f: 2/5.');

    // Carol changes her mind in another process, in English: replaced, not added.
    const again = await member('carol', ['/feedback rating:3 improve:"=cmd|\' /C calc\'!A0"'], 'en');
    expect(again.stdout).toContain('saved: 3/5.');
    expect(again.stdout).toContain('It replaces the answer you gave on');

    const organiser = await runCli(
      ['start', '--as', 'organiser', '--user', 'orga'],
      ['/feedback summary', '/feedback export'],
      env,
    );
    expect(organiser.code).toBe(0);
    expect(organiser.stdout).toContain('3 réponses · moyenne 4/5');
    expect(organiser.stdout).toContain(
      '5 ████████████████████ 1\n4 ████████████████████ 1\n3 ████████████████████ 1\n2 0\n1 0',
    );
    expect(organiser.stdout).toContain("À améliorer\u202f: =cmd|' /C calc'!A0");
    // Carol's first comment went with the answer it belonged to.
    expect(organiser.stdout).not.toContain('le lieu');
    expect(organiser.stdout).toContain('== Derniers commentaires (3 sur 3) ==');
    const saved = /📎 (\S+\.csv)/.exec(organiser.stdout)?.[1];
    expect(saved).toBeDefined();
    try {
      expect(existsSync(saved!)).toBe(true);
      const lines = readFileSync(saved!, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(lines).toEqual([
        'réponse,date,note,ce qui a marché,à améliorer,"talk 1\u202f: Du chaos engineering en production, sans casser la prod",talk 2\u202f: Prévoir la capacité avec trois lignes de SQL',
        '1,2026-06-18,5,les démos en direct,,,',
        '2,2026-06-18,4,,"plus de pauses, et des ""questions""",5,3',
        "3,2026-06-18,3,,'=cmd|' /C calc'!A0,,",
        '',
      ]);
    } finally {
      rmSync(saved!, { force: true });
    }
  }, 90_000);
});

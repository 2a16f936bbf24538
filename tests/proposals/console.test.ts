import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { NOW, spaced } from './support.ts';

describe('lightning talks through the console, one process per person, on one SQLite file', () => {
  it('a member proposes, an organiser accepts, and the talk is in the programme after a restart', async () => {
    const env = {
      STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-proposals-e2e-')), 'emcee.sqlite')}`,
      EMCEE_NOW: NOW,
    };

    // Alice answers the form's questions on the lines after the command (Enter skips the bio); a
    // duration of 7 is refused and asked again, the other answers are kept.
    const alice = await runCli(
      ['start', '--as', 'member', '--user', 'alice'],
      [
        '/propose',
        'Chaos à la carte',
        'Injecter des pannes, au menu du jour.',
        '7',
        '',
        '@alice_ops',
        '5',
        '/propose mine',
        '/proposals',
      ],
      env,
    );
    expect(alice.code).toBe(0);
    expect(alice.stderr).not.toMatch(/"level":(50|60)/);
    expect(spaced(alice.stdout)).toContain('== Lightning talk · #13 ==');
    expect(spaced(alice.stdout)).toContain('⚠ Durée (minutes) doit être l’une de ces valeurs : 5, 10.');
    expect(spaced(alice.stdout)).toContain(
      'Proposition #1 reçue : « Chaos à la carte » (5 min) pour #13 Site Reliability Engineering Paris - Meetup de la nouvelle année.',
    );
    expect(spaced(alice.stdout)).toContain(
      '#1 « Chaos à la carte » — #13 Site Reliability Engineering Paris - Meetup de la nouvelle année · 5 min · en attente de décision',
    );
    expect(spaced(alice.stdout)).toContain('/proposals est réservé aux organisateurs');

    const organiser = await runCli(
      ['start', '--as', 'organiser', '--user', 'org'],
      ['/proposals', '/proposals accept 1'],
      env,
    );
    expect(organiser.code).toBe(0);
    expect(spaced(organiser.stdout)).toContain(
      '#1 « Chaos à la carte » — alice (@alice_ops) · 5 min · en attente de décision',
    );
    expect(spaced(organiser.stdout)).toContain('Acceptée : #1, « Chaos à la carte », par alice (@alice_ops).');
    expect(spaced(organiser.stdout)).toMatch(
      /\[MP à alice\] Bonne nouvelle : votre lightning talk « Chaos à la carte » \(5 min\) est accepté/,
    );

    const later = await runCli(['start', '--user', 'someone'], ['/agenda'], env);
    expect(later.code).toBe(0);
    expect(spaced(later.stdout)).toContain(
      '== Lightning talks ==\n  • Chaos à la carte (5 min) — alice (@alice_ops)\n      Injecter des pannes, au menu du jour.',
    );
  });

  it('presses buttons by their number: Decline opens its form, Accept answers, and the speaker’s DM follows the answer', async () => {
    const env = {
      STORE_URL: `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'emcee-proposals-buttons-')), 'emcee.sqlite')}`,
      EMCEE_NOW: NOW,
    };
    const propose = (user: string, title: string) =>
      runCli(['start', '--user', user], [`/propose title:"${title}" abstract:"Des pannes." duration:5`], env);
    expect((await propose('alice', 'Chaos')).code).toBe(0);
    expect((await propose('sam', 'YAML')).code).toBe(0);

    // 2 is "Decline #1": its form asks for the note on the next line; 9 is no button at all.
    const organiser = await runCli(
      ['start', '--as', 'organiser', '--user', 'org'],
      ['/proposals', '9', '2', 'Bloc complet'],
      env,
    );
    expect(organiser.code).toBe(0);
    const out = spaced(organiser.stdout);
    expect(out).toContain('[1] Accepter #1  [2] Refuser #1  [3] Accepter #2  [4] Refuser #2');
    expect(out).toContain('La dernière réponse n’a pas de bouton [9]');
    expect(out).toContain('== Refuser la proposition #1 ==');
    const declined = out.indexOf('Refusée : #1, « Chaos », par alice.');
    const dm = out.indexOf('[MP à alice] Votre lightning talk « Chaos » n’a pas été retenu');
    expect(declined).toBeGreaterThan(0);
    expect(dm).toBeGreaterThan(declined);
    expect(out).toContain('Le mot des organisateurs : Bloc complet');
    // The answer to a press shows the list again, renumbered: [1] is now Accept #2.
    expect(out).toContain('[1] Accepter #2  [2] Refuser #2');
  });
});

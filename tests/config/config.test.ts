import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { formatProblem } from '../../src/config/problems.ts';

/** A config folder with one community file (and an empty events folder). */
function configWith(community: string, id = 'meetup'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-config-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', id), { recursive: true });
  writeFileSync(path.join(dir, 'communities', `${id}.yaml`), community);
  return dir;
}

async function messages(community: string): Promise<string[]> {
  const config = await loadConfig(configWith(community));
  return config.problems.map(formatProblem);
}

describe('community configuration', () => {
  it('loads a minimal community with defaults', async () => {
    const config = await loadConfig(configWith('name: Kubernetes Montréal\ntimezone: America/Toronto\nlocale: fr\n'));
    expect(config.problems).toEqual([]);
    expect(config.communities[0]?.community).toMatchObject({
      id: 'meetup',
      name: 'Kubernetes Montréal',
      organisers: { users: [], roles: [] },
    });
  });

  it('names the file, the line and the field of a typo, and suggests the right key', async () => {
    const [message, ...rest] = await messages('name: SRE\ntimezon: Europe/Paris\nlocale: fr\n');
    expect(message).toMatch(/meetup\.yaml:2, field `timezon`: unknown field `timezon`: did you mean `timezone`\?/);
    expect(rest.join('\n')).toMatch(/field `timezone`: is required/);
  });

  it('rejects a zone that does not exist, showing what was found and an example', async () => {
    const [message] = await messages('name: SRE\ntimezone: Europe/Pari\nlocale: fr\n');
    expect(message).toContain('field `timezone`');
    expect(message).toContain('found "Europe/Pari"');
    expect(message).toContain('"Europe/Paris"');
  });

  it('lists the allowed values of an enum', async () => {
    const [message] = await messages('name: SRE\ntimezone: Europe/Paris\nlocale: de\n');
    expect(message).toMatch(/field `locale`: found "de", expected one of "fr", "en"/);
  });

  it('reports an empty file and invalid YAML with its line', async () => {
    expect(await messages('')).toEqual([expect.stringMatching(/meetup\.yaml: the file is empty/)]);
    const [yamlError] = await messages('name: SRE\ntimezone: [Europe/Paris\nlocale: fr\n');
    expect(yamlError).toMatch(/meetup\.yaml:\d+: this is not valid YAML/);
  });

  it('reports typos in nested sections with their path', async () => {
    const [message] = await messages(
      'name: SRE\ntimezone: Europe/Paris\nlocale: fr\nchannels:\n  anouncements: general\n',
    );
    expect(message).toMatch(
      /:5, field `channels\.anouncements`: unknown field `anouncements`: did you mean `announcements`\?/,
    );
  });

  it('says what to do when there is no communities folder', async () => {
    const config = await loadConfig(mkdtempSync(path.join(tmpdir(), 'emcee-empty-')));
    expect(config.problems.map(formatProblem).join()).toMatch(/no folder .*communities: create it/);
  });
});

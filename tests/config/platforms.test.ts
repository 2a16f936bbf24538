import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelsOn, isOrganiser, presences, type Community } from '../../src/config/community.ts';
import { loadConfig } from '../../src/config/load.ts';
import { formatProblem } from '../../src/config/problems.ts';

const HEAD = 'name: SRE\ntimezone: Europe/Paris\nlocale: fr\n';

async function load(body: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-platforms-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', 'meetup'), { recursive: true });
  writeFileSync(path.join(dir, 'communities', 'meetup.yaml'), HEAD + body);
  const config = await loadConfig(dir);
  return { community: config.communities[0]?.community as Community, messages: config.problems.map(formatProblem) };
}

const BOTH = `discord:
  guildId: '123456789012345678'
  channels: { announcements: annonces, organisers: orga }
  organiserRoles: [Organisateurs]
  organisers: ['111']
slack:
  teamId: T0001
  channels: { announcements: general }
  organisers: [U0001]
  organiserGroups: [S0001]
`;

describe('per-platform sections', () => {
  it('reads channels and organisers of each platform from its own section', async () => {
    const { community, messages } = await load(BOTH);
    expect(messages).toEqual([]);
    expect(channelsOn(community, 'discord')).toEqual({ announcements: 'annonces', organisers: 'orga' });
    expect(channelsOn(community, 'slack')).toEqual({ announcements: 'general' });
    expect(channelsOn(community, 'console')).toEqual({});
    expect(community.discord?.guildId).toBe('123456789012345678');
    expect(presences(community, ['console', 'discord', 'slack']).map((p) => p.platform)).toEqual([
      'console',
      'discord',
      'slack',
    ]);
    expect(presences(community, ['slack']).map((p) => p.platform)).toEqual(['slack']);
  });

  it('counts an organiser on the platform whose lists name them, never on another', async () => {
    const { community } = await load(BOTH);
    const member = (id: string, roles: string[] = []) => ({ id, roles });
    expect(isOrganiser(community, member('111'), 'discord')).toBe(true);
    expect(isOrganiser(community, member('222', ['Organisateurs']), 'discord')).toBe(true);
    expect(isOrganiser(community, member('U0001'), 'slack')).toBe(true);
    expect(isOrganiser(community, member('U0002', ['S0001']), 'slack')).toBe(true);
    expect(isOrganiser(community, member('111'), 'slack')).toBe(false);
    expect(isOrganiser(community, member('U0002', ['Organisateurs']), 'slack')).toBe(false);
    expect(isOrganiser(community, member('111'), 'console')).toBe(false);
  });

  it('lets the console and Discord (Manage Events) vouch for an organiser directly, not Slack', async () => {
    const { community } = await load(BOTH);
    const vouched = { id: 'me', roles: [], organiser: true };
    expect(isOrganiser(community, vouched, 'console')).toBe(true);
    expect(isOrganiser(community, vouched, 'discord')).toBe(true);
    expect(isOrganiser(community, vouched, 'slack')).toBe(false);
    expect(isOrganiser(community, { id: 'me', roles: [] }, 'discord')).toBe(false);
  });

  it('keeps the top-level channels and organisers as the console’s', async () => {
    const { community, messages } = await load(
      'organisers:\n  users: [alice]\n  roles: [Organisateurs]\nchannels:\n  announcements: annonces\n',
    );
    expect(messages).toEqual([]);
    expect(channelsOn(community, 'console')).toEqual({ announcements: 'annonces' });
    expect(isOrganiser(community, { id: 'alice', roles: [] }, 'console')).toBe(true);
    expect(isOrganiser(community, { id: 'bob', roles: ['Organisateurs'] }, 'console')).toBe(true);
    expect(isOrganiser(community, { id: 'alice', roles: [] }, 'discord')).toBe(false);
  });

  it('says where to move top-level fields a platform section does not repeat, with their line', async () => {
    const { messages } = await load(
      'channels:\n  announcements: annonces\norganisers:\n  roles: [Organisateurs]\ndiscord:\n  guildId: "1"\nslack:\n  teamId: T1\n  channels: { announcements: general }\n',
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^warning: .*meetup\.yaml:5, field `channels\.announcements`: `channels\.announcements` is the console's only: on Discord it is not used \(fix: move channels\.announcements to discord\.channels\.announcements\)$/,
      ),
      expect.stringMatching(
        /meetup\.yaml:7, field `organisers\.roles`: .* on Discord and Slack it is not used \(fix: move organisers\.roles to discord\.organiserRoles or slack\.organiserGroups\)$/,
      ),
    ]);
  });

  it('names the section of an unknown key and suggests the right one', async () => {
    const { messages } = await load('slack:\n  teamId: T1\n  organiserGroup: [S1]\n');
    expect(messages).toEqual([
      expect.stringMatching(
        /meetup\.yaml:6, field `slack\.organiserGroup`: unknown field `organiserGroup`: did you mean `organiserGroups`\?/,
      ),
    ]);
  });

  it('refuses a long id written without quotes, which YAML would have rounded, and says to quote it', async () => {
    const { messages } = await load(
      'discord:\n  guildId: 123456789012345678\n  organisers: [42, 123456789012345678]\n',
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /meetup\.yaml:5, field `discord\.guildId`: found 123456789012345680, expected an id as text: write it in quotes/,
      ),
      expect.stringMatching(
        /meetup\.yaml:6, field `discord\.organisers\[1\]`: found 123456789012345680, expected an id as text/,
      ),
    ]);
  });

  it('requires the platform id of a section', async () => {
    const { messages } = await load('discord:\n  organiserRoles: [Orga]\n');
    expect(messages).toEqual([expect.stringMatching(/field `discord\.guildId`: is required/)]);
  });
});

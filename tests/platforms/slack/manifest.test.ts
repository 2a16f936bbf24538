import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { manifestCli } from '../../../src/cli/slackManifest.ts';
import { BOT_SCOPES, slackManifest } from '../../../src/platforms/slack/manifest.ts';

type Manifest = {
  features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean; request_url?: string } };
};

describe('Slack app manifest', () => {
  it('lists every command of commands/ with its description and usage hint, within Slack’s limits', () => {
    const manifest = parse(slackManifest(commands)) as Manifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const [index, command] of manifest.features.slash_commands.entries()) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      const written = commands[index]!.description.en;
      expect(command.description).toBe(written.length <= 100 ? written : `${written.slice(0, 99)}…`);
    }
    expect(manifest.features.slash_commands.find((c) => c.command === '/agenda')?.usage_hint).toBe(
      '[event] [format] [share]',
    );
  });

  it('asks for the bot scopes the adapter uses, and Socket Mode unless a request URL is given', () => {
    const socket = parse(slackManifest(commands)) as Manifest;
    expect(socket.oauth_config.scopes.bot).toEqual(Object.keys(BOT_SCOPES));
    expect(socket.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
    // Direct messages from the bot show in its Messages tab, read-only: emcee reads no message.
    expect(parse(slackManifest(commands)).features.app_home).toEqual({
      home_tab_enabled: false,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
    const http = parse(slackManifest(commands, { requestUrl: 'https://bot.example.org/slack/events' })) as Manifest;
    expect(http.settings).toMatchObject({
      socket_mode_enabled: false,
      interactivity: { request_url: 'https://bot.example.org/slack/events' },
    });
    expect(http.features.slash_commands.every((c) => c.url === 'https://bot.example.org/slack/events')).toBe(true);
  });

  it('writes the manifest to a file with --out, in French with --locale fr', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'emcee-manifest-')), 'manifest.yaml');
    expect(manifestCli(['--out', out, '--locale', 'fr'])).toBe(0);
    const manifest = parse(readFileSync(out, 'utf8')) as Manifest;
    expect(manifest.features.slash_commands[0]?.description).toBe(commands[0]!.description.fr);
  });
});

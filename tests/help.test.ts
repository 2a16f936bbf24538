import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { parseOptions } from '../src/core/optionParser.ts';
import { optionsForText } from '../src/core/resolve.ts';
import { harness } from './support/harness.ts';

const NOW = '2026-11-23T12:00:00+01:00';

describe('/help', () => {
  it('alone lists every command and says how to ask about one', async () => {
    const bot = await harness({ now: NOW });
    const help = (await bot.ask('/help', { locale: 'en' })).words;
    for (const command of commands) expect(help).toContain(`/${command.name} — ${command.description.en}`);
    expect(help).toContain('Type /help and a command for its options and examples, e.g. /help propose.');
  });

  it('with a command gives its description, usage, options and examples', async () => {
    const bot = await harness({ now: NOW });
    const help = (await bot.ask('/help propose', { locale: 'en' })).words;
    expect(help).not.toContain('takes: —');
    expect(help).toMatch(/^# \/propose\nPropose a lightning talk/);
    // Each subcommand with its own usage and options.
    expect(help).toContain(
      '# /propose new — Propose a lightning talk for the next meetup (a form)\nUsage: /propose new [event] [title:…] [abstract:…] [duration:…] [bio:…] [handle:…]',
    );
    expect(help).toContain(
      '# /propose mine — List your proposals and their state\nUsage: /propose mine\n/propose mine takes no options.',
    );
    expect(help).toContain('Usage: /propose edit id [title:…] [abstract:…] [duration:…] [bio:…] [handle:…]');
    expect(help).toContain(
      '# Options\n- id — Number of the proposal, e.g. 3\n  a whole number · required · may be typed without its name',
    );
    expect(help).toContain('- duration — Length in minutes (5 or 10)\n  a whole number');
    expect(help).toContain('# Examples\n- /propose — a form asks for the title, the abstract and the length');
    expect(help).toContain('- /propose mine — your proposals and where they stand');
  });

  it('answers in French, and reads `/help /agenda` as `/help agenda`', async () => {
    const bot = await harness({ now: NOW });
    const help = (await bot.ask('/help /Agenda')).words;
    expect(help).toContain('Utilisation\u202f: /agenda [event]');
    expect(help).toContain('# Exemples\n- /agenda — le programme du prochain meetup');
    expect(help).toContain('peut se taper sans son nom');
  });

  it('explains itself', async () => {
    const bot = await harness({ now: NOW });
    const help = (await bot.ask('/help help', { locale: 'en' })).words;
    expect(help).toContain('- command — A command to explain, e.g. propose');
    expect(help).toContain('- /help propose — one command’s options and examples');
  });

  it('with an unknown command names the mistake and lists the commands', async () => {
    const bot = await harness({ now: NOW });
    const help = (await bot.ask('/help nosuch', { locale: 'en' })).words;
    expect(help).toMatch(/^There is no command \/nosuch\. The commands are:\n# Commands of /);
    for (const command of commands) expect(help).toContain(`/${command.name} — `);
  });
});

describe('command examples', () => {
  it('each parse with their command’s options, so none goes stale when an option changes', () => {
    const all = commands.flatMap((command) => (command.examples ?? []).map((example) => ({ command, example })));
    expect(all.length).toBeGreaterThanOrEqual(commands.length);
    for (const { command, example } of all) {
      const [, name, rest = ''] = /^\/(\S+)\s*(.*)$/s.exec(example.line) ?? [];
      expect(name, example.line).toBe(command.name);
      const usage = optionsForText(command, rest);
      expect(usage, example.line).toBeDefined();
      expect(parseOptions(usage!.rest, usage!.runnable.options), example.line).toMatchObject({ ok: true });
      expect(example.description.fr.length, example.line).toBeGreaterThan(0);
    }
  });
});

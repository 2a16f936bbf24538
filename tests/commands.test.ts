import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { harness } from './support/harness.ts';

describe('command definitions', () => {
  it('have unique names and descriptions in both languages', () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const command of commands) {
      expect(command.description.fr.length, command.name).toBeGreaterThan(0);
      expect(command.description.en.length, command.name).toBeGreaterThan(0);
    }
  });

  it('say in their own description when they are for organisers only', () => {
    for (const command of commands.filter((c) => c.organiserOnly)) {
      expect(command.description.fr, command.name).toMatch(/organisat/i);
      expect(command.description.en, command.name).toMatch(/organiser/i);
    }
  });

  it('are all listed by /help, each once', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const help = (await bot.ask('/help', { locale: 'en' })).words;
    for (const command of commands) expect(help.split(`/${command.name} —`)).toHaveLength(2);
    expect(help).not.toMatch(/\(organisers\).*\(organisers\)/);
  });
});

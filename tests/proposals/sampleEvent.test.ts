import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { ROOT } from '../support/cli.ts';

const EVENTS = path.join(ROOT, 'config', 'events');

describe('the sample event pages', () => {
  it('tell members only about commands the bot has', () => {
    const known = new Set(commands.map((command) => command.name));
    const named = readdirSync(EVENTS, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(md|ya?ml)$/.test(file))
      .flatMap((file) =>
        [...readFileSync(path.join(EVENTS, file), 'utf8').matchAll(/`\/([a-z]+)/g)].map(
          (match) => `${file}: /${match[1]}`,
        ),
      );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((entry) => !known.has(entry.split(': /')[1] as string))).toEqual([]);
  });
});

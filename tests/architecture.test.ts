import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PLATFORM_SDKS = /^(discord\.js|@discordjs\/.+|@slack\/.+)$/;
/** What the core may import besides itself and Node: the clock's dates and the logger. */
const CORE_LIBRARIES = ['luxon', 'pino'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** Every module a file names: `import … from`, `export … from`, bare `import '…'` and `import('…')`. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = source.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
  return [...found].map((match) => match[1] as string);
}

/** Where a relative import lands, from the root (`src/config/community.ts`); undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  return specifier.startsWith('.') ? relative(path.resolve(path.dirname(file), specifier)) : undefined;
}

const ALL = sources(path.join(ROOT, 'src')).concat(sources(path.join(ROOT, 'commands')));

/** The core, the features and the commands are platform-neutral: only src/platforms may speak to an SDK. */
const WIRING = (name: string) =>
  name.startsWith('src/platforms/') || name.startsWith('src/cli/') || name === 'src/app.ts';
const NEUTRAL = ALL.filter((file) => !WIRING(relative(file)));
const CORE = ALL.filter((file) => relative(file).startsWith('src/core/'));
const COMMANDS = ALL.filter((file) => relative(file).startsWith('commands/'));

const cases = (files: string[]) => files.map((file) => [relative(file), file]);

describe('architecture', () => {
  it('finds the sources it guards', () => {
    expect(NEUTRAL.some((file) => relative(file).startsWith('src/core/'))).toBe(true);
    expect(NEUTRAL.some((file) => relative(file).startsWith('commands/'))).toBe(true);
    expect(NEUTRAL.map(relative)).toContain('src/services.ts');
    expect(CORE.length).toBeGreaterThan(10);
    expect(COMMANDS.length).toBeGreaterThan(5);
  });

  it.each(cases(NEUTRAL))('%s imports no platform SDK and no adapter', (_name, file) => {
    for (const specifier of importsOf(file)) {
      expect(specifier).not.toMatch(PLATFORM_SDKS);
      expect(target(file, specifier) ?? '').not.toMatch(/^src\/platforms\//);
    }
  });

  // A leaf: the core changes when the core changes, not when a feature's settings or the store do.
  it.each(cases(CORE))('%s imports nothing outside src/core but Node and its libraries', (_name, file) => {
    for (const specifier of importsOf(file)) {
      const inside = target(file, specifier);
      if (inside !== undefined) expect(inside).toMatch(/^src\/core\//);
      else
        expect(
          specifier.startsWith('node:') ||
            builtinModules.includes(specifier) ||
            CORE_LIBRARIES.includes(specifier.split('/')[0]!),
        ).toBe(true);
    }
  });

  // Commands reach storage through the repositories services hand them (src/services.ts).
  it.each(cases(COMMANDS))('%s neither imports the store nor reaches services.store', (_name, file) => {
    for (const specifier of importsOf(file)) expect(target(file, specifier) ?? '').not.toMatch(/^src\/store\//);
    expect(readFileSync(file, 'utf8')).not.toMatch(/services\.store\b/);
  });

  it('reads every kind of import', () => {
    const sample = path.join(ROOT, 'src/core/bot.ts');
    expect(importsOf(sample)).toContain('node:crypto');
    expect(target(sample, '../config/community.ts')).toBe('src/config/community.ts');
  });
});

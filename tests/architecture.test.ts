import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PLATFORM_SDKS = /from\s+['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/;
const ADAPTERS = /from\s+['"][^'"]*platforms\//;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** The core, the features and the commands are platform-neutral: only src/platforms may speak to an SDK. */
const NEUTRAL = sources(path.join(ROOT, 'src'))
  .concat(sources(path.join(ROOT, 'commands')))
  .filter((file) => !file.includes(`${path.sep}platforms${path.sep}`) && !file.includes(`${path.sep}cli${path.sep}`))
  .filter((file) => path.basename(file) !== 'app.ts');

describe('architecture', () => {
  it('finds the neutral sources it guards', () => {
    expect(NEUTRAL.some((file) => file.includes(`${path.sep}core${path.sep}`))).toBe(true);
    expect(NEUTRAL.some((file) => file.includes(`${path.sep}commands${path.sep}`))).toBe(true);
  });

  it.each(NEUTRAL.map((file) => [path.relative(ROOT, file), file]))('%s imports no platform SDK and no adapter', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(PLATFORM_SDKS);
    expect(source).not.toMatch(ADAPTERS);
  });
});

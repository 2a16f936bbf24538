import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineMessages, type Messages } from '../../src/core/i18n.ts';

const N = '\u202f';

describe('French typography in defineMessages', () => {
  const m = defineMessages({
    en: { a: 'Venue: {venue}', b: 'Hi!', c: 'I can’t find “{ref}”' },
    fr: { a: 'Lieu : {venue}', b: 'Salut!', c: "Je ne trouve pas l'événement «{ref} »" },
  });

  it('puts a narrow no-break space before : ; ! ? and inside « »', () => {
    expect(m.s('fr', 'a', { venue: 'X' })).toBe(`Lieu${N}: X`);
    expect(m.s('fr', 'b')).toBe(`Salut${N}!`);
    expect(m.s('fr', 'c', { ref: '4' })).toBe(`Je ne trouve pas l’événement «${N}4${N}»`);
  });

  it('leaves English, parameters, times, URLs, key:value examples and n° alone', () => {
    expect(m.s('en', 'a', { venue: 'X' })).toBe('Venue: X');
    expect(m.s('en', 'b')).toBe('Hi!');
    const code = defineMessages({
      en: { x: 'x' },
      fr: {
        x: 'À 19:30, voir https://ex.org/a?b=1 ; tapez at:"2026-12-01T18:00:00+01:00" title:"…" talks:"1:5 2:4" n°{id} {v}',
      },
    });
    expect(code.s('fr', 'x', { id: 3, v: 'a ! b : «c»' })).toBe(
      `À 19:30, voir https://ex.org/a?b=1${N}; tapez at:"2026-12-01T18:00:00+01:00" title:"…" talks:"1:5 2:4" n°3 a ! b : «c»`,
    );
  });
});

/** Every catalogue of the bot: each `messages.ts` under src/, found on disk so none is forgotten. */
const SRC = path.resolve(import.meta.dirname, '../../src');

function srcFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? srcFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const catalogueFiles = srcFiles(SRC).filter((file) => path.basename(file) === 'messages.ts');
const catalogues: Array<[string, Messages<string>]> = (
  await Promise.all(
    catalogueFiles.map(
      async (file) => [path.relative(SRC, file), (await import(file)) as Record<string, unknown>] as const,
    ),
  )
).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, Messages<string>] => isMessages(entry[1]))
    .map(([name, messages]): [string, Messages<string>] => [`${file} ${name}`, messages]),
);

function isMessages(value: unknown): value is Messages<string> {
  return typeof value === 'object' && value !== null && 'templates' in value && 't' in value;
}

/** Parameters that carry a date or a relative time: luxon writes them in lower case in French. */
const DATE_PARAMS = new Set(['date', 'when', 'start', 'end', 'closes', 'opens', 'relative', 'runs', 'age']);
const FRENCH_DATE = 'mercredi 18 septembre 2019';

/** Each template rendered as the bot says it, dates as luxon writes them and other values as `V`. */
function rendered(messages: Messages<string>, locale: 'fr' | 'en'): Array<[string, string]> {
  return Object.keys(messages.templates[locale]).map((key) => {
    const base = key.replace(/_(one|other)$/, '');
    const params: Record<string, string | number> = { count: key.endsWith('_one') ? 1 : 2 };
    for (const [, name] of messages.templates[locale][key]?.matchAll(/\{(\w+)\}/g) ?? []) {
      if (name !== 'count') params[name as string] = DATE_PARAMS.has(name as string) ? FRENCH_DATE : 'V';
    }
    return [key, messages.s(locale, base, params)];
  });
}

describe('every catalogue', () => {
  it('is found: messages are defined only in messages.ts files', () => {
    const defining = srcFiles(SRC).filter((file) => /defineMessages\(\{/.test(readFileSync(file, 'utf8')));
    expect(defining.map((file) => path.basename(file))).toEqual(defining.map(() => 'messages.ts'));
    expect(catalogues.length).toBe(defining.length);
  });

  it.each(catalogues)('%s: French replies follow French typography', (_name, messages) => {
    const faults = rendered(messages, 'fr').flatMap(([key, said]) =>
      frenchFaults(said).map((fault) => `${key}: ${fault} in «${said}»`),
    );
    expect(faults).toEqual([]);
  });

  it.each(catalogues)('%s: English replies carry no French spacing', (_name, messages) => {
    const faults = rendered(messages, 'en').flatMap(([key, said]) =>
      /[\s\u202f][;:!?]|[«»\u202f]/.test(said) ? [`${key}: «${said}»`] : [],
    );
    expect(faults).toEqual([]);
  });
});

function frenchFaults(said: string): string[] {
  const rules: Array<[RegExp, string]> = [
    [/[ \u00a0][;:!?]/, 'a wide space before high punctuation'],
    [/[^\s][;:!?](?=\s|$)/u, 'no space before high punctuation'],
    [/«(?!\u202f)|(?<!\u202f)»/, '« » without narrow spaces'],
    [/\p{L}'\p{L}/u, 'a typewriter apostrophe'],
    [new RegExp(`(^|[.!?]\\s+|\\n)${FRENCH_DATE}`), 'a sentence starting with a lower-case date'],
  ];
  return rules.filter(([rule]) => rule.test(said)).map(([, fault]) => fault);
}

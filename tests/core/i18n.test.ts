import { describe, expect, it } from 'vitest';
import { defineMessages, toLocale } from '../../src/core/i18n.ts';

const m = defineMessages({
  en: { hello: 'Hello {name}', talks_one: '{count} talk', talks_other: '{count} talks' },
  fr: { hello: 'Bonjour {name}', talks_one: '{count} talk', talks_other: '{count} talks' },
});

describe('messages', () => {
  it('carries parameters as plain-text tokens, never as literal markup', () => {
    expect(m.t('fr', 'hello', { name: '@everyone' })).toEqual([
      { type: 'literal', text: 'Bonjour ' },
      { type: 'plain', text: '@everyone' },
    ]);
  });

  it('picks plural forms by locale', () => {
    expect(m.s('en', 'talks', { count: 1 })).toBe('1 talk');
    expect(m.s('en', 'talks', { count: 0 })).toBe('0 talks');
    expect(m.s('fr', 'talks', { count: 0 })).toBe('0 talk');
    expect(m.s('fr', 'talks', { count: 1500 })).toBe('1\u202f500 talks');
  });

  it('maps client locales to the languages it speaks', () => {
    expect(toLocale('fr-CA')).toBe('fr');
    expect(toLocale('en-GB')).toBe('en');
    expect(toLocale('de')).toBeUndefined();
  });
});

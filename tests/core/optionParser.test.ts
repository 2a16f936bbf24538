import { describe, expect, it } from 'vitest';
import type { OptionSpec } from '../../src/core/command.ts';
import { parseOptions } from '../../src/core/optionParser.ts';

const d = { en: '', fr: '' };
const specs: OptionSpec[] = [
  { name: 'action', type: 'string', positional: true, choices: ['accept', 'reject'], description: d },
  { name: 'id', type: 'integer', positional: true, minValue: 1, description: d },
  { name: 'title', type: 'string', maxLength: 20, description: d },
  { name: 'locale', type: 'string', choices: ['fr', 'en'], description: d },
  { name: 'public', type: 'boolean', description: d },
];

describe('parseOptions', () => {
  it('fills positional options by what each accepts', () => {
    expect(parseOptions('accept 3', specs)).toEqual({ ok: true, options: { action: 'accept', id: 3 } });
    expect(parseOptions('3', specs)).toEqual({ ok: true, options: { id: 3 } });
  });

  it('reads key:value with straight, single, typographic and French quotes', () => {
    expect(parseOptions('title:"Chaos à la carte"', specs)).toEqual({
      ok: true,
      options: { title: 'Chaos à la carte' },
    });
    expect(parseOptions("title:'Un talk'", specs)).toEqual({ ok: true, options: { title: 'Un talk' } });
    expect(parseOptions('title:“SLO 101”', specs)).toEqual({ ok: true, options: { title: 'SLO 101' } });
    expect(parseOptions('title:« On-call »', specs)).toEqual({ ok: true, options: { title: 'On-call' } });
  });

  it('reads --key value flags and booleans in both languages', () => {
    expect(parseOptions('--locale en public:oui', specs)).toEqual({
      ok: true,
      options: { locale: 'en', public: true },
    });
  });

  it('keeps a colon inside a quoted value', () => {
    expect(parseOptions('title:"SRE: a story"', specs)).toEqual({ ok: true, options: { title: 'SRE: a story' } });
  });

  it('names what it could not read', () => {
    expect(parseOptions('colour:red', specs)).toEqual({
      ok: false,
      problem: { kind: 'unknown-option', name: 'colour' },
    });
    expect(parseOptions('accept zero', specs)).toEqual({
      ok: false,
      problem: { kind: 'unexpected-value', value: 'zero' },
    });
    expect(parseOptions('id:0', specs)).toEqual({ ok: false, problem: { kind: 'bad-value', name: 'id', value: '0' } });
    expect(parseOptions('title:"a very long title over the limit"', specs)).toMatchObject({
      ok: false,
      problem: { kind: 'bad-value', name: 'title' },
    });
    expect(parseOptions('title:"never closed', specs)).toEqual({ ok: false, problem: { kind: 'unclosed-quote' } });
  });

  it('takes a bare boolean flag as yes, but a bare string or integer flag as a missing value', () => {
    expect(parseOptions('--public', specs)).toEqual({ ok: true, options: { public: true } });
    expect(parseOptions('--title', specs)).toEqual({ ok: false, problem: { kind: 'missing-value', name: 'title' } });
    expect(parseOptions('accept --id', specs)).toEqual({ ok: false, problem: { kind: 'missing-value', name: 'id' } });
    expect(parseOptions('title:', specs)).toEqual({ ok: false, problem: { kind: 'missing-value', name: 'title' } });
  });

  it('never takes the next flag as a flag’s value', () => {
    expect(parseOptions('--public --locale en', specs)).toEqual({ ok: true, options: { public: true, locale: 'en' } });
    expect(parseOptions('--title --locale en', specs)).toEqual({
      ok: false,
      problem: { kind: 'missing-value', name: 'title' },
    });
  });

  it('keeps a quoted empty value and a quoted word that looks like a flag', () => {
    expect(parseOptions('title:""', specs)).toEqual({ ok: true, options: { title: '' } });
    expect(parseOptions('--title "--help"', specs)).toEqual({ ok: true, options: { title: '--help' } });
  });

  it('reports a missing required option', () => {
    const required: OptionSpec[] = [{ name: 'message', type: 'string', required: true, description: d }];
    expect(parseOptions('', required)).toEqual({ ok: false, problem: { kind: 'missing', name: 'message' } });
  });
});

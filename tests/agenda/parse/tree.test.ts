import { describe, expect, it } from 'vitest';
import { readPage, strongRuns } from '../../../src/agenda/parse/markdown/tree.ts';

const texts = (markdown: string) => readPage(markdown, 1).map((line) => line.text);

describe('a page as the lines a reader sees', () => {
  it('keeps link text and drops targets, images, tags, emphasis and entities', () => {
    expect(texts('Détails sur [Meetup.com](https://www.meetup.com/x/(y))')).toEqual(['Détails sur Meetup.com']);
    expect(texts('![photo](a.png) **Name** ([@handle](https://twitter.com/handle))')).toEqual(['Name (@handle)']);
    expect(texts('_Titre_ et *autre* et __gras__ <br/> avec&nbsp;espace')).toEqual([
      'Titre et autre et gras',
      'avec espace',
    ]);
    expect(texts('snake_case et @my_handle et (@ada_m_) restent')).toEqual([
      'snake_case et @my_handle et (@ada_m_) restent',
    ]);
  });

  it('cuts a paragraph at its line breaks, keeping each line number in the file', () => {
    const lines = readPage('intro\n\n19h00 : A\n19h15 : B\n\n* item\n  suite\n---\n', 10);
    expect(lines.map((line) => [line.line, line.kind, line.first, line.text])).toEqual([
      [10, 'text', true, 'intro'],
      [12, 'text', true, '19h00 : A'],
      [13, 'text', false, '19h15 : B'],
      [15, 'item', true, 'item'],
      [16, 'item', false, 'suite'],
      [17, 'break', true, ''],
    ]);
  });

  it('knows headings, nested items, task boxes and bold runs', () => {
    const lines = readPage('## Titre\n\n- [x] in person\n  - nested **Ada Martin** and **Bo**\n', 1);
    expect(lines.map((line) => [line.kind, line.level, line.checked])).toEqual([
      ['heading', 2, undefined],
      ['item', 1, true],
      ['item', 2, undefined],
    ]);
    expect(strongRuns(lines[2]!)).toEqual(['Ada Martin', 'Bo']);
  });

  it('hides comments, drops shortcodes, and turns a speaker shortcode into a Speaker line', () => {
    expect(texts('a <!-- hidden -->\n\n{{< figure src="x.png" >}}\n\n{{< speaker "jean-de-la-tour" >}}')).toEqual([
      'a',
      'Speaker: Jean de la Tour',
    ]);
  });
});

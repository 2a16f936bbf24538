import { describe, expect, it } from 'vitest';
import { dropShortcodes, hideComments, matchKey } from '../../../src/agenda/parse/markdownText.ts';

describe('markdown text', () => {
  it('hides HTML comments but keeps their lines, so line numbers still match', () => {
    const text = 'a\n<!--more-->\nb\n<!--\n* 19h00 : hidden\n-->\nc';
    expect(hideComments(text)).toBe('a\n\nb\n\n\n\nc');
    expect(hideComments(text).split('\n')).toHaveLength(text.split('\n').length);
  });

  it('drops Hugo shortcodes of both kinds', () => {
    expect(dropShortcodes('x {{< figure src="a.webp" >}} y {{% notice %}}z')).toBe('x  y z');
  });

  it('compares titles without case, accents or punctuation', () => {
    expect(matchKey('On-Call For Humans!')).toBe(matchKey('on call for humans'));
    expect(matchKey('Détail des présentations')).toBe('detail des presentations');
  });
});

import { describe, expect, it } from 'vitest';
import { dropShortcodes, hideComments, inlineText, matchKey } from '../../../src/agenda/parse/markdownText.ts';

describe('markdown text', () => {
  it('hides HTML comments but keeps their lines, so line numbers still match', () => {
    const text = 'a\n<!--more-->\nb\n<!--\n* 19h00 : hidden\n-->\nc';
    expect(hideComments(text)).toBe('a\n\nb\n\n\n\nc');
    expect(hideComments(text).split('\n')).toHaveLength(text.split('\n').length);
  });

  it('drops Hugo shortcodes of both kinds', () => {
    expect(dropShortcodes('x {{< figure src="a.webp" >}} y {{% notice %}}z')).toBe('x  y z');
  });

  it('keeps link text and drops targets, images, tags, emphasis and entities', () => {
    expect(inlineText('Détails sur [Meetup.com](https://www.meetup.com/x/(y))')).toBe('Détails sur Meetup.com');
    expect(inlineText('![photo](a.png) **Name** ([@handle](https://twitter.com/handle))')).toBe('Name (@handle)');
    expect(inlineText('_Titre_ et *autre* et __gras__ <br/> avec&nbsp;espace')).toBe('Titre et autre et gras avec espace');
    expect(inlineText('snake_case et @my_handle restent')).toBe('snake_case et @my_handle restent');
  });

  it('compares titles without case, accents or punctuation', () => {
    expect(matchKey('On-Call For Humans!')).toBe(matchKey('on call for humans'));
    expect(matchKey('Détail des présentations')).toBe('detail des presentations');
  });
});

import fc from 'fast-check';

/** Pieces that have broken chat bots: mass mentions of each platform, markup, quotes, control and bidi characters. */
export const HOSTILE = [
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<!subteam^S0123>',
  '@\u200beveryone',
  '＠everyone',
  '<',
  '>',
  '&',
  '&lt;!channel&gt;',
  '*',
  '_',
  '~',
  '`',
  '```',
  '||',
  '\\',
  '[x](https://e.org)',
  '"',
  "'",
  '«',
  '»',
  '“',
  ':',
  '--',
  '-',
  'title:',
  'event:',
  '\u0000',
  '\u0007',
  '\u001b[2J',
  '\u001b]0;t\u0007',
  '\r',
  '\n',
  '\t',
  '\u0085',
  '\u009b31m',
  '\u202e',
  '\u2028',
  '\ufeff',
  '\ud800',
  'é',
  '🦄',
  ' ',
  '  ',
  '4',
  '13',
  '-1',
  '0',
  '2019-09-18',
  'now',
  'next',
  '2026-12-02T18:00',
];

/** A text a person could type or a file could hold: hostile pieces mixed with arbitrary Unicode. */
export const hostileText = (maxPieces = 8): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));

export const locale = fc.constantFrom('fr' as const, 'en' as const, undefined);
export const platform = fc.constantFrom('console' as const, 'discord' as const, 'slack' as const);

/** Control characters a terminal acts on (C0 but tab and newline, DEL, C1): none may reach it. */
// eslint-disable-next-line no-control-regex -- control characters are what this expression is for.
export const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

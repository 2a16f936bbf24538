import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../src/agenda/parse/frontMatter.ts';
import { plainBlocks } from '../../src/agenda/parse/markdown/plainMarkdown.ts';
import { prepareSource } from '../../src/agenda/parse/markdown/source.ts';
import { readPage, readPageTree } from '../../src/agenda/parse/markdown/tree.ts';

/**
 * The plain reader must read every page it accepts exactly as the Markdown parser does: the same
 * lines, kinds, levels, blocks and bold or link runs. Pages it does not accept go to the parser.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return /\.(?:md|markdown)$/.test(name) ? [full] : [];
  });
}

const bodyOf = (text: string): string => {
  const read = readFrontMatter(text);
  return read.ok ? read.frontMatter.body : text;
};

const plainTaken = (body: string): boolean => plainBlocks(prepareSource(body)) !== undefined;

/** Lines the plain reader takes, and lines it must leave to the parser (or read just as it does). */
const ORDINARY = [
  '',
  '',
  '### Programme',
  '## Talk **bold** heading',
  '# #12 Meetup',
  '#### 19h15 SLOs',
  '* **19h00-19h15 :** Accueil des participants',
  '* 19h10-19h25 : Datacenter Unplugged par Mathieu (@tormath1)',
  '- **5:30pm** - doors open',
  '+ plus item',
  '**Speaker:** Camille Martin, SRE @ Example',
  '* [Slides](https://x.example/s) et [vidéo](https://y.example/v) de **Titre** par Ada',
  '* **[Ada Martin](/speakers/ada)** on SLOs',
  '**Description:** Error budgets, burn rates.',
  'Par [Ada Martin](/speakers/ada) et [Bo Chen](/b)',
  'plain prose line, with punctuation: yes!',
  'a line with snake_case and @ada_m handle',
  '**bold**, then a comma',
  '(**bold in parens**)',
  '**19h00 :**, odd',
  '[**bold link**](/x)',
  '**[a](/x)**',
  '[a **b**](/c) tail',
  'emoji 🎉 **bold**',
  'ｆｕｌｌ　width',
  '21h30 : Fin',
  '-- End',
  '+++',
  'Q&A and R&D',
  '{{< speaker "ada-martin" >}}',
  '<!-- hidden -->',
  'trailing spaces  ',
  'one trailing space ',
  '**bold**  ',
  '### Heading  ',
  '* item   ',
];
const TRICKY = [
  '##### Title ##',
  '#5 not a heading',
  '#######x',
  'x**y**z',
  '**open only',
  'close only**',
  '** spaced **',
  '****',
  '***triple***',
  '*em* text',
  '_em_ text',
  '__strong__ text',
  '@ada_m_',
  'a * b',
  'nbsp at the end\u00a0',
  '#### ',
  '*  ',
  '  indented line',
  '    code',
  '\tTabbed',
  '1. numbered',
  '2) numbered',
  '2019. a year',
  '> quote',
  '<p>html</p>',
  '---',
  '***',
  '- - -',
  '===',
  '--',
  '-',
  '*',
  '`code`',
  'back\\slash',
  'R&amp;D',
  '![img](a.png)',
  '[ref]',
  '[ref]: /url',
  '[a](b c)',
  'emoji 🎉**bold**',
  '**bold**🎉',
  '| 19:00 | Welcome |',
  '~~struck~~',
  '- [x] in person',
  'Footnote[^1]',
  'www.example.org',
  '**a\nb**',
  '* item\nlazy continuation',
  'text\n* item interrupts',
];
const SNIPPETS = [...ORDINARY, ...TRICKY];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the plain Markdown reader', () => {
  const files = [
    ...markdownFiles(path.join(root, 'tests/fixtures')),
    ...markdownFiles(path.join(root, 'config/events')),
  ];

  it.each(files.map((file) => [path.relative(root, file), file]))('reads %s as the parser does', (_, file) => {
    const body = bodyOf(readFileSync(file, 'utf8'));
    expect(readPage(body, 5)).toEqual(readPageTree(body, 5));
  });

  it('reads 2,000 pages put together from ordinary and tricky lines as the parser does', () => {
    const random = seeded(20_261_202);
    let taken = 0;
    for (let n = 0; n < 2_000; n++) {
      const count = 1 + Math.floor(random() * 8);
      // Most pages draw from the ordinary lines only, so the plain reader takes many of them.
      const pool = random() < 0.6 ? ORDINARY.length : SNIPPETS.length;
      const body = Array.from({ length: count }, () => SNIPPETS[Math.floor(random() * pool)] as string).join('\n');
      if (plainTaken(body)) taken++;
      expect(readPage(body, 1), body).toEqual(readPageTree(body, 1));
    }
    expect(taken).toBeGreaterThan(1_000);
  });

  it('takes the common page forms, and leaves the rest to the parser', () => {
    expect(
      plainTaken(
        '### Programme\n\n* **19h00-19h15 :** Accueil\n* **19h15-19h45 :** SLOs - Ada\n\n**Speaker:** Ada, SRE @ Acme\n',
      ),
    ).toBe(true);
    for (const body of ['  * nested', '1. first', '> quoted', 'a\\*b', '*emphasis*', 'a **b', '---'])
      expect(plainTaken(body), body).toBe(false);
  });
});

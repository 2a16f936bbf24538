import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { usagesOf, type Outcome } from '../../src/core/command.ts';
import type { Attachment } from '../../src/core/reply.ts';
import { harness, type Harness } from '../support/harness.ts';
import { inlines } from '../support/inlines.ts';
import { AFTER_12, answers, as, ORGANISER, replyOf } from './commandSupport.ts';

function attachment(outcome: Outcome): Attachment {
  const block = replyOf(outcome).blocks.find((b) => b.type === 'attachment');
  if (!block || block.type !== 'attachment') throw new Error('no attachment');
  return block.attachment;
}

/** Minimal RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('/feedback summary and export: organisers', () => {
  async function eventWithAnswers(h: Harness) {
    await answers(h, [
      ['m1', '/feedback rating:5 worked:"les démos" talks:"1:5 2:4"'],
      ['m2', `/feedback rating:5 improve:'=HYPERLINK("http://evil","clic")' talks:"1:4"`],
      [
        'm3',
        `/feedback rating:4 worked:"le lieu, la bière" improve:'@everyone <!channel> **plus** de "pizza"' talks:"1:4"`,
      ],
      ['m4', '/feedback rating:2 worked:"+33 6 12 34 56 78"'],
      ['m5', '/feedback rating:5'],
    ]);
  }

  it('hides totals, comments and the export below the minimum number of answers', async () => {
    const h = await harness({ now: AFTER_12 });
    await answers(h, [
      ['m1', '/feedback rating:5 worked:"secret"'],
      ['m2', '/feedback rating:1'],
    ]);
    const summary = (await h.ask('/feedback summary', ORGANISER)).words;
    expect(summary).toContain(
      '2 réponses pour l’instant. Les totaux, les commentaires et l’export apparaissent à partir de 3 réponses',
    );
    expect(summary).not.toMatch(/moyenne|secret|█/);
    const exported = replyOf(await h.run('/feedback export', ORGANISER));
    expect(exported.blocks.some((block) => block.type === 'attachment')).toBe(false);
    replyOf(await h.run('/feedback rating:3', as('m3')));
    expect((await h.ask('/feedback summary', ORGANISER)).words).toContain('3 réponses · moyenne 3/5');
  });

  it('shows the average, the histogram, per-talk averages and the latest comments', async () => {
    const h = await harness({ now: AFTER_12 });
    await eventWithAnswers(h);
    const summary = (await h.ask('/feedback summary 12', ORGANISER)).words;
    expect(summary).toContain("# Avis — #12 SRE Paris – Édition d'été");
    expect(summary).toContain('5 réponses · moyenne 4,2/5');
    expect(summary).toContain(['5 ████████████████████ 3', '4 ███████ 1', '3 0', '2 ███████ 1', '1 0'].join('\n'));
    expect(summary).toContain('1. Du chaos engineering en production, sans casser la prod — 4,33/5 (3 notes)');
    expect(summary).toContain('2. Prévoir la capacité avec trois lignes de SQL — moins de 3 notes');
    expect(summary).toContain('# Derniers commentaires (4 sur 4)');
    expect(summary.indexOf('+33 6 12 34 56 78')).toBeLessThan(summary.indexOf('le lieu, la bière'));
    expect(summary).toContain('Toutes les réponses en entier\u202f: /feedback export 12');
    const en = (await h.ask('/feedback summary', { ...ORGANISER, locale: 'en' })).words;
    expect(en).toContain('5 answers · average 4.2/5');
  });

  it('carries comments as plain text, so no platform turns them into mentions or markup', async () => {
    const h = await harness({ now: AFTER_12 });
    await eventWithAnswers(h);
    const pieces = inlines(replyOf(await h.run('/feedback summary', ORGANISER)));
    const comment = pieces.filter((inline) => 'text' in inline && inline.text.includes('@everyone'));
    expect(comment.length).toBe(1);
    expect(comment[0]!.type).toBe('plain');
  });

  it('exports every answer as CSV, quoted and safe against formula injection', async () => {
    const h = await harness({ now: AFTER_12 });
    await eventWithAnswers(h);
    replyOf(await h.run('/feedback rating:1 worked:"changé d’avis"', as('m5')));
    const outcome = await h.run('/feedback export', ORGANISER);
    expect(h.words(outcome)).toContain("5 réponses sur #12 SRE Paris – Édition d'été, une ligne chacune");
    const file = attachment(outcome);
    expect(file.filename).toBe('feedback-2026-06-17-meetup-12-20260618T080000Z.csv');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.content.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(file.content.slice(1));
    expect(rows).toEqual([
      [
        'réponse',
        'date',
        'note',
        'ce qui a marché',
        'à améliorer',
        'talk 1\u202f: Du chaos engineering en production, sans casser la prod',
        'talk 2\u202f: Prévoir la capacité avec trois lignes de SQL',
      ],
      ['1', '2026-06-18', '5', 'les démos', '', '5', '4'],
      ['2', '2026-06-18', '5', '', `'=HYPERLINK("http://evil","clic")`, '4', ''],
      [
        '3',
        '2026-06-18',
        '4',
        'le lieu, la bière',
        '@everyone <!channel> **plus** de "pizza"'.replace(/^@/, "'@"),
        '4',
        '',
      ],
      ['4', '2026-06-18', '2', "'+33 6 12 34 56 78", '', '', ''],
      ['5', '2026-06-18', '1', 'changé d’avis', '', '', ''],
    ]);
    // No cell a spreadsheet would evaluate.
    for (const row of rows.slice(1)) for (const cell of row.slice(3)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('leaves out an unreadable stored answer, says so, and keeps working', async () => {
    const h = await harness({ now: AFTER_12 });
    await eventWithAnswers(h);
    const feedback = h.app.services.feedback;
    const event = { communityId: 'sre-paris', eventId: '2026-06-17-meetup-12' };
    const m2 = await feedback.memberKeys.of({ platform: 'console', memberId: 'm2', ...event });
    await feedback.responses.records.set(`r:sre-paris:2026-06-17-meetup-12:${m2}`, { v: 9, rating: 'five' });
    const text = h.words(await h.run('/feedback export', ORGANISER));
    expect(text).toContain('4 réponses sur #12');
    expect(text).toContain(
      '1 réponse enregistrée n’a pas pu être lue et a été laissée de côté (détails dans les logs).',
    );
    expect((await h.ask('/feedback summary', ORGANISER)).words).toContain('5 réponses · moyenne 4,2/5');
  });

  it('is for organisers only', async () => {
    const h = await harness({ now: AFTER_12 });
    await eventWithAnswers(h);
    for (const line of ['/feedback summary', '/feedback export 12']) {
      const outcome = replyOf(await h.run(line, as('m1')));
      expect(h.words(outcome)).toBe(
        'Seuls les organisateurs de Site Reliability Engineering Paris voient le bilan et l’export des avis. Pour donner le vôtre\u202f: /feedback.',
      );
    }
  });

  it('is listed by /help, with descriptions and options in both languages', async () => {
    const command = commands.find((c) => c.name === 'feedback')!;
    expect(command.description.fr).toMatch(/Noter le dernier meetup/);
    expect(command.description.en).toMatch(/Rate the last meetup/);
    expect(usagesOf(command).map((way) => [way.name, way.runnable.options.map((o) => o.name)])).toEqual([
      ['feedback give', ['event', 'rating', 'worked', 'improve', 'talks']],
      ['feedback summary', ['event']],
      ['feedback export', ['event']],
    ]);
    for (const option of usagesOf(command).flatMap((way) => way.runnable.options)) {
      expect(option.description.fr.length).toBeGreaterThan(0);
      expect(option.description.en.length).toBeLessThanOrEqual(100);
      expect(option.description.fr.length).toBeLessThanOrEqual(100);
    }
    const h = await harness({ now: AFTER_12 });
    expect((await h.ask('/help')).words).toContain('/feedback — Noter le dernier meetup');
  });
});

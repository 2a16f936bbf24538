import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from '../../src/feedback/csv.ts';
import { histogramLines, talksPlaceholder } from '../../src/feedback/present.ts';
import type { MeetupEvent, Slot } from '../../src/agenda/event.ts';
import { parseTalkRatings, rateableTalks, type Talk } from '../../src/feedback/talks.ts';

const talks: Talk[] = [
  { number: 1, title: 'Du chaos engineering en production, sans casser la prod', speakers: 'A' },
  { number: 2, title: 'Prévoir la capacité avec trois lignes de SQL', speakers: 'B' },
  { number: 3, title: 'Le jour où le DNS est tombé', speakers: 'C' },
];

describe('per-talk ratings', () => {
  it('reads number:rating pairs in the usual spellings', () => {
    expect(parseTalkRatings('1:5 3:4', talks)).toEqual({ ok: true, ratings: { 1: 5, 3: 4 } });
    expect(parseTalkRatings(' #1=5, 2 : 3;3:1 ', talks)).toEqual({ ok: true, ratings: { 1: 5, 2: 3, 3: 1 } });
    expect(parseTalkRatings('1:5 2', talks)).toEqual({ ok: false, problem: { kind: 'syntax', part: '2' } });
    expect(parseTalkRatings('#1=5,2:3;3:1', talks)).toEqual({ ok: true, ratings: { 1: 5, 2: 3, 3: 1 } });
    expect(parseTalkRatings('', talks)).toEqual({ ok: true, ratings: {} });
    expect(parseTalkRatings(undefined, [])).toEqual({ ok: true, ratings: {} });
  });

  it('names what is wrong', () => {
    expect(parseTalkRatings('4:5', talks)).toEqual({ ok: false, problem: { kind: 'unknown', n: 4 } });
    expect(parseTalkRatings('0:5', talks)).toEqual({ ok: false, problem: { kind: 'unknown', n: 0 } });
    expect(parseTalkRatings('1:6', talks)).toEqual({ ok: false, problem: { kind: 'rating', n: 1 } });
    expect(parseTalkRatings('1:five', talks)).toEqual({ ok: false, problem: { kind: 'rating', n: 1 } });
    expect(parseTalkRatings('1:5 1:4', talks)).toEqual({ ok: false, problem: { kind: 'twice', n: 1 } });
    expect(parseTalkRatings('great', talks)).toEqual({ ok: false, problem: { kind: 'syntax', part: 'great' } });
    expect(parseTalkRatings('1:5', [])).toEqual({ ok: false, problem: { kind: 'none' } });
  });

  it('lists the numbered talks in a placeholder that fits Discord’s 100 characters', () => {
    const text = talksPlaceholder(talks)!;
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^1 Du chaos .* · 2 Prévoir .* · 3 Le jour où le DNS est tombé$/);
    expect(talksPlaceholder([])).toBeUndefined();
  });
});

describe('CSV', () => {
  it('prefixes cells a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+33 6', '-2', '@SUM(A1)', '\t=x', '\r=x', '＝1+1'])
      expect(safeCell(value)).toBe(`'${value}`);
    for (const value of ['les démos', '5', '', ' =x', 'a=b']) expect(safeCell(value)).toBe(value);
  });

  it('quotes commas, quotes and line breaks, and ends rows with CRLF', () => {
    const csv = toCsv([
      ['a', 'b,c', 'say "hi"', 'two\nlines', 5],
      ['=HYPERLINK("http://x","y")', '-1', 3, '', ' padded'],
    ]);
    expect(csv).toBe('a,"b,c","say ""hi""","two\nlines",5\r\n"\'=HYPERLINK(""http://x"",""y"")",\'-1,3,," padded"\r\n');
  });
});

describe('histogram', () => {
  it('draws bars scaled to the largest bucket, best rating first', () => {
    expect(histogramLines([0, 1, 2, 4, 8])).toEqual([
      '5 ████████████████████ 8',
      '4 ██████████ 4',
      '3 █████ 2',
      '2 ███ 1',
      '1 0',
    ]);
  });
});

describe('the talks a form numbers', () => {
  const noLightning = { accepted: () => Promise.resolve([]) };
  const slot = (title: string, extra: Partial<Slot> = {}): Slot => ({ title, kind: 'talk', speakers: [], ...extra });

  it('leaves out a talk still to be announced with nobody named, keeps one whose speaker is known', async () => {
    const event = {
      id: 'meetup-9',
      slots: [
        slot('Welcome', { kind: 'welcome' }),
        slot('SLOs in practice', { speakers: [{ name: 'Camille Martin' }] }),
        slot('To be announced', { placeholder: true }),
        slot('To be announced', { placeholder: true, speakers: [{ name: 'Sam Lee' }] }),
      ],
    } as unknown as MeetupEvent;
    expect(await rateableTalks(event, 'sre-paris', noLightning)).toEqual([
      { number: 1, title: 'SLOs in practice', speakers: 'Camille Martin' },
      { number: 2, title: 'To be announced', speakers: 'Sam Lee' },
    ]);
  });
});

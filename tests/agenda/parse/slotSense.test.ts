import { describe, expect, it } from 'vitest';
import { parseEventFile, readEventFile } from '../../../src/agenda/parse/index.ts';
import { expectEvent, iso, parseText } from './helpers.ts';

/** A Markdown page whose programme starts on line 5. */
const page = (programme: string, frontMatter = 'date: 2026-12-09T19:00\n') =>
  `---\ntitle: "#20 Winter"\n${frontMatter}---\n${programme}`;

const warningsOf = (path: string, text: string) => readEventFile({ path, text, timezone: 'Europe/Paris' }).warnings;
const times = (event: { slots: { start?: unknown; end?: unknown }[] }) =>
  event.slots.map((slot) => [iso(slot.start as never), iso(slot.end as never)]);

describe('a slot that ends before it starts', () => {
  it('19h30-19h20 is reported with file and line, and read without its end (until the next slot)', () => {
    const text = page('* 19h00-19h30 : Accueil\n* 19h30-19h20 : Talk - Jane Roe\n* 20h00-20h30 : Pizza\n');
    expect(warningsOf('x.md', text)).toEqual([
      expect.objectContaining({
        file: 'x.md',
        line: 6,
        severity: 'warning',
        message: expect.stringContaining('"Talk" (19:30-19:20) ends before it starts'),
      }),
    ]);
    const event = expectEvent(parseText('x.md', text));
    expect(times(event)[1]).toEqual(['2026-12-09T18:30:00Z', '2026-12-09T19:00:00Z']);
    expect(iso(event.end)).toBe('2026-12-09T19:30:00Z');
  });

  it('the reversed last slot does not last until the next day, so the meetup is not on all day', () => {
    const event = expectEvent(parseText('x.md', page('* 19h00-19h30 : Accueil\n* 19h30-19h20 : Talk - Jane Roe\n')));
    expect(iso(event.end)).toBe('2026-12-09T19:15:00Z');
    expect(event.warnings).toEqual([expect.stringMatching(/^x\.md:6: the slot "Talk"/)]);
  });

  it('a real midnight crossing (23h30-00h30, up to 6 hours) stays legal, without a warning', () => {
    const text = page('* 22h00-23h30 : Concert\n* 23h30-00h30 : After party\n', 'date: 2026-12-09T22:00\n');
    expect(warningsOf('x.md', text)).toEqual([]);
    expect(times(expectEvent(parseText('x.md', text)))[1]).toEqual(['2026-12-09T22:30:00Z', '2026-12-09T23:30:00Z']);
  });

  it('an end equal to the start is reported too', () => {
    expect(warningsOf('x.md', page('* 19h00-19h00 : Accueil\n'))).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('ends before it starts') }),
    ]);
  });

  it('in YAML, with the line of the slot', () => {
    const yaml =
      'title: "#20"\ndate: 2026-12-09 19:00\nslots:\n  - time: "19:00-19:30"\n    title: Accueil\n  - time: "19:30-19:20"\n    title: Talk\n';
    expect(warningsOf('x.yaml', yaml)).toEqual([
      expect.objectContaining({ file: 'x.yaml', line: 6, message: expect.stringContaining('ends before it starts') }),
    ]);
  });

  it('an event `end` before its start is not read as the next day when that makes it last more than 12 hours', () => {
    const text = page(
      '* 19h00-19h30 : Accueil\n* 19h30-20h00 : Talk - Jane Roe\n',
      'date: 2026-12-09T19:00\nend: "18:30"\n',
    );
    expect(warningsOf('x.md', text)).toEqual([
      expect.objectContaining({
        field: 'end',
        line: 4,
        message: expect.stringContaining('"18:30" is before the start'),
      }),
    ]);
    expect(iso(expectEvent(parseText('x.md', text)).end)).toBe('2026-12-09T19:00:00Z');
  });
});

describe('slots out of order, overlapping, or before the meetup', () => {
  it('a slot starting before the one above it is reported with both lines', () => {
    const warnings = warningsOf(
      'x.md',
      page('* 19h00 : Accueil\n* 20h00 : Talk A - Jane Roe\n* 19h30 : Talk B - John Doe\n'),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        file: 'x.md',
        line: 7,
        message: 'the slot "Talk B" starts at 19:30, before the slot above it ("Talk A", line 6, at 20:00)',
      }),
    ]);
  });

  it('a slot starting before the one above it ends is reported with both lines', () => {
    const warnings = warningsOf('x.md', page('* 19h00-19h45 : Talk A - Jane Roe\n* 19h30-20h00 : Talk B - John Doe\n'));
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 6,
        message: 'the slot "Talk B" starts at 19:30, before the slot above it ("Talk A", line 5) ends at 19:45',
      }),
    ]);
  });

  it('two slots at the same time overlap', () => {
    expect(warningsOf('x.md', page('* 19h00-19h30 : A - Jane Roe\n* 19h00-19h30 : B - John Doe\n'))).toEqual([
      expect.objectContaining({ line: 6 }),
    ]);
  });

  it('a slot before the meetup starts (its front matter date) is reported', () => {
    const warnings = warningsOf('x.md', page('* 18h30-19h00 : Warm-up\n* 19h00-19h30 : Talk - Jane Roe\n'));
    expect(warnings).toEqual([
      expect.objectContaining({
        line: 5,
        message: 'the slot "Warm-up" starts at 18:30, before the meetup starts (19:00)',
      }),
    ]);
  });

  it('a programme in order, open-ended lines included, gives no warning', () => {
    expect(warningsOf('x.md', page('* 19h00 : Accueil\n* 19h15-19h45 : Talk - Jane Roe\n* 19h45 : Pizza\n'))).toEqual(
      [],
    );
  });

  it('a time far earlier than the one above is out of order, not the next morning', () => {
    const text = page('* 19h00-20h00 : Talk - Jane Roe\n* 07h00-07h30 : Breakfast\n');
    expect(warningsOf('x.md', text)).toEqual([
      expect.objectContaining({ line: 6, message: expect.stringContaining('before the meetup starts') }),
    ]);
    expect(iso(expectEvent(parseText('x.md', text)).slots[1]?.start)).toBe('2026-12-09T06:00:00Z');
  });

  it('in YAML too', () => {
    const yaml =
      'title: "#20"\ndate: 2026-12-09 19:00\nslots:\n  - time: "19:00-19:45"\n    title: A\n  - time: "19:30-20:00"\n    title: B\n';
    expect(warningsOf('x.yaml', yaml)).toEqual([
      expect.objectContaining({ line: 6, message: expect.stringContaining('("A", line 4) ends at 19:45') }),
    ]);
  });
});

describe('front-matter warnings carry the line of their field', () => {
  it('a contradicting offset, a value of the wrong shape', () => {
    const text = '---\ntitle: "#1"\nvenue: [a, b]\ndate: 2026-12-09T19:00-01:00\n---\n* 19h00 : A\n';
    expect(warningsOf('x.md', text).map((warning) => [warning.field, warning.line])).toEqual([
      ['venue', 3],
      ['date', 4],
    ]);
    const result = parseEventFile({ path: 'x.md', text, timezone: 'Europe/Paris' });
    expect(result.kind === 'event' && result.event.warnings[1]).toMatch(/^x\.md:4, field `date`/);
  });

  it('in a YAML event', () => {
    expect(
      warningsOf('x.yaml', 'title: "#1"\n\ndate: 2026-12-09 19:00+05:00\n').map((warning) => warning.line),
    ).toEqual([3]);
  });
});

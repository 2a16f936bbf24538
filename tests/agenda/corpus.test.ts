import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { MeetupEvent, Slot, Speaker } from '../../src/agenda/event.ts';
import { parseEventFile } from '../../src/agenda/parse/index.ts';

/**
 * The corpus of pages in the forms real meetup sites use (tests/fixtures/pages/README.md): every
 * page is checked against its expected reading, and the summary says how many are read right.
 */
const pagesDir = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));

interface ExpectedSlot {
  start?: string;
  end?: string;
  kind: string;
  title: string;
  speakers: Array<string | Partial<Speaker>>;
}
interface ExpectedEvent {
  id: string;
  start: string;
  end: string;
  title?: string;
  warnings?: number | string[];
  slots: ExpectedSlot[];
}
interface Expected {
  timezone?: string;
  'not-event'?: boolean;
  events?: ExpectedEvent[];
}

/** `name.md` and `slug/index.md`, by path relative to the corpus folder. */
function pages(dir = pagesDir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return pages(full);
      return name.endsWith('.md') && name !== 'README.md' ? [path.relative(pagesDir, full)] : [];
    });
}

/** The events read, or `'not-event'`, or the error. */
function read(page: string, timezone: string): MeetupEvent[] | string {
  const result = parseEventFile({ path: page, text: readFileSync(path.join(pagesDir, page), 'utf8'), timezone });
  if (result.kind === 'not-event') return 'not-event';
  if (result.kind === 'error') return `error: ${result.problems.map((problem) => problem.message).join('; ')}`;
  return [result.event, ...(result.more ?? []).map((other) => other.event)];
}

/** What differs between the reading and the expectation, one line each; empty when read right. */
function differences(page: string, expected: Expected): string[] {
  const timezone = expected.timezone ?? 'Europe/Paris';
  const reading = read(page, timezone);
  if (expected['not-event']) return reading === 'not-event' ? [] : ['read as a meetup, but it is not one'];
  if (typeof reading === 'string') return [`not read as a meetup (${reading})`];
  const wanted = expected.events ?? [];
  if (reading.length !== wanted.length) return [`${reading.length} meetups read, ${wanted.length} expected`];
  return wanted.flatMap((event, i) => eventDifferences(reading[i] as MeetupEvent, event, timezone));
}

function eventDifferences(event: MeetupEvent, expected: ExpectedEvent, zone: string): string[] {
  const wall = (instant: MeetupEvent['start'], format: string) => instant.setZone(zone).toFormat(format);
  const found: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted))
      found.push(`${expected.id}: ${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  check('id', event.id, expected.id);
  check('start', wall(event.start, 'yyyy-MM-dd HH:mm'), String(expected.start));
  check('end', wall(event.end, 'yyyy-MM-dd HH:mm'), String(expected.end));
  if (expected.title !== undefined) check('title', event.title, expected.title);
  if (typeof expected.warnings === 'number')
    check('warning count', event.warnings, event.warnings.slice(0, expected.warnings));
  if (Array.isArray(expected.warnings)) {
    check('warning count', event.warnings.length, expected.warnings.length);
    expected.warnings.forEach(
      (text, i) =>
        !event.warnings[i]?.includes(text) &&
        found.push(`${expected.id}: warning ${i + 1} does not say "${text}": ${event.warnings[i]}`),
    );
  }
  check('slot count', event.slots.length, expected.slots.length);
  expected.slots.forEach((slot, i) =>
    found.push(
      ...slotDifferences(event.slots[i], slot, (instant) => wall(instant, 'HH:mm')).map(
        (text) => `${expected.id}, slot ${i + 1}: ${text}`,
      ),
    ),
  );
  return found;
}

function slotDifferences(
  slot: Slot | undefined,
  expected: ExpectedSlot,
  clock: (instant: MeetupEvent['start']) => string,
): string[] {
  if (!slot) return ['missing'];
  const actual = {
    start: slot.start && clock(slot.start),
    end: slot.end && clock(slot.end),
    kind: slot.kind,
    title: slot.title,
    speakers: slot.speakers.map((speaker, i) => pick(speaker, expected.speakers[i])),
  };
  const wanted = {
    start: expected.start,
    end: expected.end,
    kind: expected.kind,
    title: expected.title,
    speakers: expected.speakers.map((speaker) => (typeof speaker === 'string' ? { name: speaker } : speaker)),
  };
  return JSON.stringify(actual) === JSON.stringify(wanted)
    ? []
    : [`read ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`];
}

/** The speaker's fields that the expectation names (just the name when it is a string). */
function pick(speaker: Speaker, expected: string | Partial<Speaker> | undefined): Partial<Speaker> {
  const keys = typeof expected === 'object' ? (Object.keys(expected) as Array<keyof Speaker>) : ['name' as const];
  return Object.fromEntries(keys.map((key) => [key, speaker[key]]));
}

const results = new Map<string, string[]>();

describe('corpus of real-world page forms', () => {
  for (const page of pages()) {
    it(page, () => {
      const expected = parseYaml(
        readFileSync(path.join(pagesDir, page.replace(/\.md$/, '.expected.yaml')), 'utf8'),
      ) as Expected;
      const found = differences(page, expected);
      results.set(page, found);
      expect(found).toEqual([]);
    });
  }

  afterAll(() => {
    const right = [...results.values()].filter((found) => found.length === 0).length;
    console.log(`corpus: ${right} of ${results.size} pages read right`);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { cachedZoneClock, formatOf, readFormatFile } from '../../src/agenda/formats/index.ts';
import { parseEventFile } from '../../src/agenda/parse/index.ts';
import { programme } from '../../src/agenda/present.ts';
import type { MeetupEvent } from '../../src/agenda/event.ts';
import { ROOT } from '../support/cli.ts';
import { HOSTILE, hostileText } from './arbitraries.ts';
import { replyProblems } from './checks.ts';

export interface ParserFigures {
  inputs: number;
  /** A parser that threw: the exception escaped it. */
  crashes: string[];
  /**
   * A failure the parser did not expect, caught by its own safety net and reported as the file's
   * problem ("could not be read (…)", "report it to the emcee maintainers"): no crash, but a bug
   * in the parser, whose message says nothing useful to the organiser.
   */
  caught: string[];
  /** A programme built from a parsed file that would ping or reach a terminal unsafely. */
  unsafe: string[];
}

/** Real event files of every kind emcee reads: the sample community's and the format fixtures. */
function seeds(): Array<{ name: string; text: string }> {
  const dirs = [
    path.join(ROOT, 'config', 'events'),
    path.join(ROOT, 'tests', 'fixtures', 'formats'),
    path.join(ROOT, 'tests', 'fixtures', 'pages'),
  ];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(md|markdown|ya?ml|json|xml|ics|ical)$/i.test(entry)) files.push(full);
    }
  };
  for (const dir of dirs) walk(dir);
  return files.map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') }));
}

/** A real file changed the way a careless edit or a hostile one would: pieces inserted, lines replaced or dropped, cut short. */
function mutated(seed: { name: string; text: string }): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.tuple(fc.nat(), hostileText(6)).map(
      ([at, piece]) =>
        (text: string) =>
          text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)),
    ),
    fc.tuple(fc.nat(), hostileText(6)).map(
      ([line, piece]) =>
        (text: string) =>
          text
            .split('\n')
            .map((l, i, all) => (i === line % all.length ? l.replace(/:.*$/, `: ${piece}`) : l))
            .join('\n'),
    ),
    fc.nat().map(
      (line) => (text: string) =>
        text
          .split('\n')
          .filter((_, i, all) => i !== line % all.length)
          .join('\n'),
    ),
    fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
    fc
      .constantFrom(...HOSTILE)
      .map(
        (piece) => (text: string) => text.replaceAll(/[A-Z][a-z]+/g, (word) => (word.length % 3 === 0 ? piece : word)),
      ),
  );
  return fc
    .array(edit, { minLength: 1, maxLength: 4 })
    .map((edits) => edits.reduce((text, apply) => apply(text), seed.text));
}

const NOW = DateTime.fromISO('2019-09-01T12:00:00Z');
const zoneClock = cachedZoneClock();

/** Parses one file as emcee would, returns what went wrong. */
function readAll(name: string, text: string): { crash?: string; caught?: string; events: MeetupEvent[] } {
  const format = formatOf(name, text);
  try {
    if (format) {
      const reading = readFormatFile(format, { path: name, text, timezone: 'Europe/Paris', zoneClock });
      if (reading.kind === 'error')
        return {
          caught: reading.problems.find((p) => p.message.startsWith('could not be read ('))?.message,
          events: [],
        };
      return { events: reading.kind === 'events' ? reading.events : [] };
    }
    const result = parseEventFile({ path: name, text, timezone: 'Europe/Paris' });
    if (result.kind === 'error') {
      const unexpected = result.problems.find((p) => JSON.stringify(p).includes('could not be read ('));
      return { caught: unexpected && JSON.stringify(unexpected), events: [] };
    }
    if (result.kind !== 'event') return { events: [] };
    return { events: [result.event, ...(result.more ?? []).map((m) => m.event)] };
  } catch (error) {
    return { crash: `threw ${String(error)}`, events: [] };
  }
}

/** `numRuns` mutated files across every kind; each parsed, and each event it gives shown as a programme. */
export function fuzzParsers(numRuns: number, seed?: number): ParserFigures {
  const files = seeds();
  const figures: ParserFigures = { inputs: 0, crashes: [], caught: [], unsafe: [] };
  const input = fc
    .constantFrom(...files)
    .chain((file) =>
      fc.tuple(
        fc.constant(file.name),
        fc.oneof(
          { weight: 4, arbitrary: mutated(file) },
          { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
        ),
      ),
    );
  fc.assert(
    fc.property(input, ([name, text]) => {
      figures.inputs++;
      const { crash, caught, events } = readAll(name, text);
      if (crash) figures.crashes.push(`${name}: ${crash} ← ${JSON.stringify(text.slice(0, 300))}`);
      if (caught) figures.caught.push(`${name}: ${caught} ← ${JSON.stringify(text.slice(0, 300))}`);
      for (const event of events) {
        for (const locale of ['fr', 'en'] as const) {
          try {
            for (const problem of replyProblems(programme(event, locale, NOW)))
              figures.unsafe.push(`${name}: ${problem}`);
          } catch (error) {
            figures.crashes.push(`${name}: programme threw ${String(error)}`);
          }
        }
      }
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
  return figures;
}

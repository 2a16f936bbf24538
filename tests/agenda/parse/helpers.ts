import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { MeetupEvent } from '../../../src/agenda/event.ts';
import { parseEventFile, type EventFileProblem, type EventFileResult } from '../../../src/agenda/parse/index.ts';

export const fixturesDir = fileURLToPath(new URL('../../fixtures/events/', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const fixtureText = (name: string): string => readFileSync(fixturesDir + name, 'utf8');

export function parseFixture(name: string, timezone = 'Europe/Paris'): EventFileResult {
  return parseEventFile({ path: name, text: fixtureText(name), timezone });
}

export function parseText(path: string, text: string, timezone = 'Europe/Paris'): EventFileResult {
  return parseEventFile({ path, text, timezone });
}

export function expectEvent(result: EventFileResult): MeetupEvent {
  if (result.kind !== 'event') expect.fail(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

export function expectProblems(result: EventFileResult): EventFileProblem[] {
  if (result.kind !== 'error') expect.fail(`expected an error, got ${result.kind}`);
  return result.problems;
}

/** ISO instants, to compare a slot list in one line. */
export const iso = (
  instant: { toISO(options?: { suppressMilliseconds?: boolean }): string | null } | undefined,
): string | undefined => instant?.toISO({ suppressMilliseconds: true }) ?? undefined;

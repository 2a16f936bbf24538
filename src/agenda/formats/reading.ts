import type { DateTime } from 'luxon';
import type { MeetupEvent } from '../event.ts';
import type { Finding } from '../parse/problems.ts';
import type { ZoneClock } from './zoneClock.ts';

/** What one file in a published format gave: events (a conference gives one a day), a skip, or errors. */
export type FormatReading =
  | { kind: 'events'; events: MeetupEvent[]; warnings: Finding[] }
  /** Readable, but not a schedule (another JSON, an XML that is not frab): skipped, with why. */
  | { kind: 'not-event'; reason: string }
  | { kind: 'error'; problems: Finding[] };

export interface FormatInput {
  path: string;
  text: string;
  /** The community's zone: read for times the file writes without one. */
  timezone: string;
  zoneClock: ZoneClock;
  /** When the reading happens (the app's clock); a repeating iCalendar event is read around it. Default: now. */
  now?: DateTime;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line of the `n`th (0-based) occurrence of `needle`, for formats whose parser keeps no positions. */
export function lineOfNth(text: string, needle: string, n: number): number | undefined {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) return undefined;
  }
  return lineAt(text, at);
}

/**
 * A part of a schedule that does not read (a talk, a session), as a warning that names it:
 * organisers find it by its title, not by its index in the file.
 */
export function leftOut(finding: Finding, part: { kind: string; title: unknown; fix: string }): Finding {
  const { title } = part;
  const named = typeof title === 'string' && title.trim() ? ` (${JSON.stringify(title.trim())})` : '';
  return { ...finding, message: `${part.kind} left out${named}: ${finding.message}`, fix: part.fix };
}

export const errorReading = (problem: Finding): FormatReading => ({ kind: 'error', problems: [problem] });

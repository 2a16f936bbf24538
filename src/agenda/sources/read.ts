import type { DateTime } from 'luxon';
import type { MeetupEvent } from '../event.ts';
import { formatOf, readFormatFile, type ZoneClock } from '../formats/index.ts';
import type { Fetched } from './fetch.ts';

export type SourceReading = { ok: true; events: MeetupEvent[]; warnings: string[] } | { ok: false; reason: string };

/**
 * A fetched schedule through the same readers as the event folder. The format comes from the
 * address's extension, else from the content type, else from how the text starts: a Sessionize
 * endpoint (`…/view/All`) or a Meetup feed (`…/ical/`) has no extension.
 */
export function readSource(
  url: string,
  fetched: Fetched,
  timezone: string,
  zoneClock: ZoneClock,
  now?: DateTime,
): SourceReading {
  const format = formatOfSource(url, fetched);
  if (!format)
    return { ok: false, reason: 'is neither a pretalx/frab schedule, a Sessionize export, nor an iCalendar feed' };
  const reading = readFormatFile(format, { path: url, text: fetched.text, timezone, zoneClock, now });
  if (reading.kind === 'not-event') return { ok: false, reason: reading.reason };
  if (reading.kind === 'error')
    return { ok: false, reason: reading.problems.map((problem) => problem.message).join('; ') };
  const events = reading.events.map((event) => ({ ...event, source: url }));
  return { ok: true, events, warnings: reading.warnings.map((warning) => warning.message) };
}

function formatOfSource(url: string, fetched: Fetched): 'json' | 'xml' | 'ical' | undefined {
  const type = fetched.contentType?.toLowerCase() ?? '';
  if (type.includes('calendar')) return 'ical';
  if (type.includes('json')) return 'json';
  const byName = formatOf(new URL(url).pathname, fetched.text) ?? formatOf('', fetched.text);
  if (byName) return byName;
  if (/^[[{]/.test(fetched.text.trimStart())) return 'json';
  return type.includes('xml') ? 'xml' : undefined;
}

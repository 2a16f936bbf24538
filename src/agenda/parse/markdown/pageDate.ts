import type { Finding } from '../problems.ts';
import type { TimeOfDay } from '../timeOfDay.ts';
import { formatDate, readWrittenDate, type WrittenDate } from '../wallClock.ts';
import { readDateText } from './dateText.ts';
import type { PageLine } from './tree.ts';

/**
 * The meetup's date. Blog engines put the publish date in `date`; the page itself may state the
 * meetup's date — an `event.date` field, a line `Thursday, February 23rd 2017`, a `Date: …` line.
 * What the page states wins, with a warning when `date` says another day.
 */
export interface PageDate {
  /** Undefined when a `date` is written but is not a date (reported by the caller). */
  date?: WrittenDate;
  /** The front matter's `date` as written. */
  raw: unknown;
  /** An end time stated with the date (`at 17:00 - 20:00`). */
  end?: TimeOfDay;
  /** The file line of the stated date, when it is in the body. */
  line?: number;
  warning?: Finding;
}

interface Stated {
  written: WrittenDate;
  end?: TimeOfDay;
  where: string;
  line?: number;
}

const EVENT_FIELDS = ['event_date', 'eventDate', 'event-date'];

/** Undefined when the page has no date at all. */
export function pageDate(
  data: Record<string, unknown>,
  lines: readonly PageLine[],
  zone: string,
): PageDate | undefined {
  const front = data.date === null ? undefined : data.date;
  const stated = fieldDate(data, zone) ?? bodyDate(lines, front !== undefined);
  if (!stated) return front === undefined ? undefined : { date: readWrittenDate(front, zone), raw: front };
  const written = front === undefined ? undefined : readWrittenDate(front, zone);
  const line = stated.line === undefined ? {} : { line: stated.line };
  const end = stated.end ? { end: stated.end } : {};
  if (written && sameDay(written, stated.written))
    return { date: written.time ? written : stated.written, raw: front, ...end };
  return {
    date: stated.written,
    raw: front,
    ...end,
    ...line,
    ...(written ? { warning: disagreement(written, stated) } : {}),
  };
}

function fieldDate(data: Record<string, unknown>, zone: string): Stated | undefined {
  const event = data.event;
  const nested =
    event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>).date : undefined;
  const key = nested !== undefined ? 'event.date' : EVENT_FIELDS.find((name) => data[name] !== undefined);
  const value = nested ?? (key ? data[key] : undefined);
  const written = value === undefined ? undefined : readWrittenDate(value, zone);
  return written && key ? { written, where: `\`${key}\`` } : undefined;
}

/** A line that is only a date, or a `Date: …` line; the first one counts. */
function bodyDate(lines: readonly PageLine[], anyLine: boolean): Stated | undefined {
  for (const line of lines) {
    if (!line.first || line.kind === 'break') continue;
    const labelled = dateLabel(line);
    const found = labelled ?? (anyLine && line.kind !== 'item' ? readDateText(line.text) : undefined);
    if (!found) continue;
    const written: WrittenDate = { raw: line.text, date: found.date, ...(found.time ? { time: found.time } : {}) };
    return {
      written,
      ...(found.end ? { end: found.end } : {}),
      where: `line ${line.line} ("${line.text}")`,
      line: line.line,
    };
  }
  return undefined;
}

const LABEL = /^(?:date|quand|when|le)\s*:-?\s*(.+)$/iu;

/** `- Date: 30 January, 2020 at 17:00 - 20:00`, `**Quand :** jeudi 12 mars 2020 à 19h`. */
export function dateLabel(line: PageLine): ReturnType<typeof readDateText> {
  const match = LABEL.exec(line.text);
  return match ? readDateText(match[1] as string) : undefined;
}

const sameDay = (a: WrittenDate, b: WrittenDate): boolean => formatDate(a.date) === formatDate(b.date);

function disagreement(written: WrittenDate, stated: Stated): Finding {
  const day = formatDate(stated.written.date);
  return {
    field: 'date',
    message: `"${written.raw}" is not the meetup's day: ${stated.where} says ${day}; read as ${day} (a blog's \`date\` is often the day the post was published)`,
    fix: `write the meetup's day in \`date\`: date: ${day}${stated.written.time ? `T${String(stated.written.time.hour).padStart(2, '0')}:${String(stated.written.time.minute).padStart(2, '0')}` : ''}`,
  };
}

import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { cancelled, instant, instantOf, summaryOf, whereIs, type Context } from './icalTime.ts';
import { alignToWallClock } from './icalWallClock.ts';

/**
 * Occurrences are read from this many days before "now" to this many after. "Now" is the time of
 * the reading, on the app's clock: the event folder is read again when a file changes and once a
 * day (live/folder.ts), and a source's copy once a day even when its schedule is unchanged
 * (sources/feed.ts), so a bot left running keeps the occurrences ahead of it.
 */
export const WINDOW_DAYS = 400;
/** At most this many occurrences of one VEVENT are kept: the future ones first, the oldest past ones dropped. */
export const MAX_OCCURRENCES = 500;
/**
 * At most this many steps of a rule are taken: ical.js walks a rule from its DTSTART, so a weekly
 * rule since 1990 reaches today in about 1,900 steps. A step costs about 15 µs (weekly) to 170 µs
 * (monthly on the second Tuesday, which ical.js finds day by day): a few hundred ms at worst.
 */
export const MAX_STEPS = 2_000;

const DAY = 86_400_000;

/** One occurrence: its instants, and the VEVENTs its fields are read from (the override first, then the series). */
export interface Occurrence {
  start: DateTime;
  end: DateTime;
  fields: ICAL.Component[];
}

/** The span of the series' own DTSTART and DTEND (its first occurrence), which every occurrence keeps. */
interface First {
  start: DateTime;
  end: DateTime;
}

/** A VEVENT that repeats: by RRULE or RDATE, and is not itself an override (RECURRENCE-ID). */
export const repeats = (vevent: ICAL.Component): boolean =>
  (vevent.hasProperty('rrule') || vevent.hasProperty('rdate')) && !vevent.hasProperty('recurrence-id');

/**
 * The occurrences of a repeating VEVENT within WINDOW_DAYS of now, expanded by ical.js (RRULE,
 * RDATE, EXDATE, COUNT, UNTIL), each RECURRENCE-ID override in place of its occurrence (a cancelled
 * one removes it). An override that matches no occurrence of the rule (the rule was edited since) is
 * shown on its own date, as the calendar application would.
 */
export function occurrences(
  master: ICAL.Component,
  overrides: ICAL.Component[],
  first: First,
  context: Context,
): Occurrence[] {
  const now = context.input.now ?? DateTime.utc();
  const window = { from: now.minus({ days: WINDOW_DAYS }), to: now.plus({ days: WINDOW_DAYS }) };
  alignToWallClock(master, overrides, context);
  const series = new ICAL.Event(master, { exceptions: overrides });
  const spans = new Spans(master, first, context);
  const kept: Occurrence[] = [];
  const matched = new Set<ICAL.Component>();
  const walk = walkRule(series, window, (time) => {
    const details = series.getOccurrenceDetails(time);
    const item = details.item.component;
    if (item !== master) matched.add(item);
    if (cancelled(item)) return true;
    const occurrence = spans.occurrence(details.startDate ?? time, item);
    if (occurrence.start < window.from || occurrence.start > window.to) return true;
    kept.push(occurrence);
    if (kept.length <= MAX_OCCURRENCES) return true;
    // Too many: the oldest past one makes room, else this one and the rest of the future are left out.
    if ((kept[0] as Occurrence).start < now) return Boolean(kept.shift());
    kept.pop();
    return false;
  });
  if (walk.cut) warnCut(master, walk.cut, walk.cut === 'occurrences' ? kept.at(-1)?.start : walk.last, context);
  else
    for (const override of overrides) {
      if (matched.has(override) || cancelled(override)) continue;
      const start = instant(override, 'dtstart', context);
      if (start && start >= window.from && start <= window.to) kept.push(spans.occurrence(start, override));
    }
  return kept.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

interface Walk {
  /** Why the walk stopped before the rule or the window ended, if it did. */
  cut?: string;
  /** The last time of the rule it reached, as a date in the rule's own wall clock. */
  last?: string;
}

/**
 * Takes the rule's times in order, by their wall clock, until the window is past; `take` answers
 * whether to go on. Times well before the window are stepped over without being read.
 */
function walkRule(
  series: ICAL.Event,
  window: { from: DateTime; to: DateTime },
  take: (time: ICAL.Time) => boolean,
): Walk {
  // A wall clock is at most a day from its instant, and an override moves its occurrence by little.
  const [from, to] = [window.from.toMillis() - 2 * DAY, window.to.toMillis() + 2 * DAY];
  const iterator = series.iterator();
  let last: string | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
    // Typed as a Time, but undefined once the rule has ended (COUNT, UNTIL).
    let time: ICAL.Time | undefined;
    try {
      time = iterator.next();
    } catch (error) {
      // ical.js gives up on a rule that finds nothing in 500 tries (every time excluded).
      return { cut: (error as Error).message, last };
    }
    if (!time) return {};
    const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
    if (wall > to) return {};
    last = time.toString().slice(0, 10);
    if (wall >= from && !take(time)) return { cut: 'occurrences', last };
  }
  return { cut: 'steps', last };
}

/** Each occurrence's start and end: the series' duration, or an override's own. */
class Spans {
  private readonly durations = new Map<ICAL.Component, number>();

  constructor(
    private readonly master: ICAL.Component,
    first: First,
    private readonly context: Context,
  ) {
    this.durations.set(master, first.end.toMillis() - first.start.toMillis());
  }

  occurrence(start: ICAL.Time | DateTime, item: ICAL.Component): Occurrence {
    const at =
      start instanceof DateTime
        ? start
        : instantOf(start, item.getFirstProperty('dtstart')?.getParameter('tzid'), this.context).at;
    const fields = item === this.master ? [item] : [item, this.master];
    return { start: at, end: at.plus({ milliseconds: this.duration(item) }), fields };
  }

  /** An override with its own DTEND keeps its length; one without keeps the series'. */
  private duration(item: ICAL.Component): number {
    const known = this.durations.get(item);
    if (known !== undefined) return known;
    const quiet = { ...this.context, warnings: [] };
    const [start, end] = [instant(item, 'dtstart', quiet), instant(item, 'dtend', quiet)];
    const own = start && end ? end.toMillis() - start.toMillis() : (this.durations.get(this.master) as number);
    this.durations.set(item, own);
    return own;
  }
}

function warnCut(master: ICAL.Component, cut: string, last: DateTime | string | undefined, context: Context): void {
  const after = (last instanceof DateTime ? last.toISODate() : last) ?? 'its start';
  const why =
    cut === 'occurrences'
      ? `more than ${MAX_OCCURRENCES} occurrences within ${WINDOW_DAYS} days`
      : cut === 'steps'
        ? `too many occurrences since its start (more than ${MAX_STEPS})`
        : `its rule could not be followed further (${cut})`;
  context.warnings.push({
    ...whereIs(master, context),
    field: 'RRULE',
    message: `"${summaryOf(master)}" repeats with ${why}; occurrences after ${after} are not shown`,
  });
}

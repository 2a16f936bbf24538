import { validateDetailed, type CronFieldError } from 'node-cron';

/**
 * A cron expression, validated and expanded by node-cron (`validateDetailed`, which names the faulty
 * field), compiled here into sorted lists so that the next matching wall-clock time is found with
 * integer arithmetic. node-cron's own `getNextMatch` costs ~30 µs a call (Intl formatting per
 * candidate) and resolves DST gaps and repeats differently per zone; wall-clock matching here is
 * zone-free ("naive" time: local fields written as if they were UTC), and src/announcements/zone.ts
 * maps naive times to instants with one documented DST rule.
 *
 * Day matching follows node-cron exactly (day of month AND day of week must both match; tokens `L`,
 * `L-n`, `nW`, `LW`, `d#n`, `dL`); tests/announcements/cron.test.ts checks parity with node-cron.
 */
export interface CronSpec {
  expression: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  /** Index 1..12. */
  months: boolean[];
  dom: Array<number | string>;
  dow: Array<number | string>;
  /** Every day of the month / of the week allowed: the check is skipped. */
  anyDom: boolean;
  anyDow: boolean;
}

export type CronCheck = { ok: true; spec: CronSpec } | { ok: false; errors: CronFieldError[] };

const cache = new Map<string, CronCheck>();

/** Validates and compiles; results are shared by every schedule that uses the same expression. */
export function compileCron(expression: string): CronCheck {
  const hit = cache.get(expression);
  if (hit) return hit;
  const key = expression.trim().replace(/\s+/g, ' ');
  const known = cache.get(key);
  if (known) return known;
  const result = validateDetailed(key);
  let check: CronCheck;
  if (!result.valid || !result.fields) check = { ok: false, errors: result.errors };
  else {
    const f = result.fields;
    const months = Array.from({ length: 13 }, (_, m) => f.month.includes(m));
    check = {
      ok: true,
      spec: {
        expression: key,
        seconds: sorted(f.second),
        minutes: sorted(f.minute),
        hours: sorted(f.hour),
        months,
        dom: f.dayOfMonth,
        dow: f.dayOfWeek,
        anyDom: f.dayOfMonth.length === 31 && f.dayOfMonth.every((v) => typeof v === 'number'),
        anyDow: f.dayOfWeek.length === 7 && f.dayOfWeek.every((v) => typeof v === 'number'),
      },
    };
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, check);
  return check;
}

function sorted(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

const DAY = 86_400_000;
/** How far ahead a search goes before concluding an expression never matches again (about 30 years). */
const MAX_DAYS = 366 * 30;

/**
 * The first naive wall-clock time (ms, local fields as UTC) strictly after `afterNaive` that
 * matches, at whole seconds; undefined if none within ~30 years.
 */
export function nextNaive(spec: CronSpec, afterNaive: number): number | undefined {
  const from = Math.floor(afterNaive / 1000) * 1000 + 1000;
  const start = new Date(from);
  const at = { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate() };
  let bound: [number, number, number] | undefined = [start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds()];
  for (let i = 0; i < MAX_DAYS; i++) {
    if (!spec.months[at.month]) {
      // Skip the rest of a month that does not match.
      i += daysIn(at.year, at.month) - at.day;
      bound = undefined;
      nextMonth(at);
      continue;
    }
    if (dayMatches(spec, at.year, at.month, at.day)) {
      const time = firstTime(spec, bound);
      if (time) return Date.UTC(at.year, at.month - 1, at.day, time[0], time[1], time[2]);
    }
    bound = undefined;
    if (++at.day > daysIn(at.year, at.month)) nextMonth(at);
  }
  return undefined;
}

/** Moves a date to the first day of the following month. */
function nextMonth(at: { year: number; month: number; day: number }): void {
  at.day = 1;
  at.month += 1;
  if (at.month > 12) {
    at.month = 1;
    at.year += 1;
  }
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether a naive time matches (used by tests and previews). */
export function matchesNaive(spec: CronSpec, naive: number): boolean {
  const d = new Date(naive);
  return (
    spec.seconds.includes(d.getUTCSeconds()) &&
    spec.minutes.includes(d.getUTCMinutes()) &&
    spec.hours.includes(d.getUTCHours()) &&
    spec.months[d.getUTCMonth() + 1] === true &&
    dayMatches(spec, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  );
}

function firstTime(spec: CronSpec, bound: [number, number, number] | undefined): [number, number, number] | undefined {
  const [h0, m0, s0] = bound ?? [0, 0, 0];
  for (const hour of spec.hours) {
    if (hour < h0) continue;
    for (const minute of spec.minutes) {
      if (hour === h0 && minute < m0) continue;
      for (const second of spec.seconds) {
        if (hour === h0 && minute === m0 && second < s0) continue;
        return [hour, minute, second];
      }
    }
  }
  return undefined;
}

const lastDay = daysIn;

function weekday(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((Math.floor(Date.UTC(year, month - 1, day) / DAY) + 4) % 7) + 7) % 7;
}

function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDay(year, month);
  if (target < 1 || target > last) return -1;
  const wd = weekday(year, month, target);
  if (wd === 6) return target === 1 ? target + 2 : target - 1;
  if (wd === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  return (
    (spec.anyDom || domMatches(spec.dom, year, month, day)) && (spec.anyDow || dowMatches(spec.dow, year, month, day))
  );
}

function domMatches(field: Array<number | string>, year: number, month: number, day: number): boolean {
  for (const value of field) {
    if (value === day) return true;
    if (typeof value !== 'string') continue;
    if (value === 'L') {
      if (day === lastDay(year, month)) return true;
      continue;
    }
    const w = /^(\d{1,2}|L)W$/.exec(value);
    if (w && nearestWeekday(year, month, w[1] === 'L' ? lastDay(year, month) : Number(w[1])) === day) return true;
    const offset = /^L-(\d{1,2})$/.exec(value);
    if (offset) {
      const target = lastDay(year, month) - Number(offset[1]);
      if (target >= 1 && target === day) return true;
    }
  }
  return false;
}

function dowMatches(field: Array<number | string>, year: number, month: number, day: number): boolean {
  const wd = weekday(year, month, day);
  for (const value of field) {
    if (value === wd) return true;
    if (typeof value !== 'string') continue;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) {
      if (Number(nth[1]) % 7 === wd && Math.floor((day - 1) / 7) + 1 === Number(nth[2])) return true;
      continue;
    }
    const last = /^([0-7])L$/i.exec(value);
    if (last && Number(last[1]) % 7 === wd && day + 7 > lastDay(year, month)) return true;
  }
  return false;
}

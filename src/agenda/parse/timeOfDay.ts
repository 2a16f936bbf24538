/** Wall-clock times as organisers write them: `19h00`, `19h`, `17H30`, `18 h`, `19:00`, `6:00pm`, `6pm`. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** A time written at the start of a text; `time` is absent when it cannot exist (`25h00`, `13:00pm`). */
export interface TimeToken {
  text: string;
  time?: TimeOfDay;
  meridiem?: 'am' | 'pm';
}

export const TIME_FORMS = '19h00, 19h, 19:00 or 7:00pm (hours 0-23, minutes 00-59)';

const TWELVE_HOUR = /^(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\.?(?![\p{L}\d])/iu;
const COLON = /^(\d{1,2}):(\d{2})(?!\d)/u;
const FRENCH = /^(\d{1,2})\s?h(?:\s?(\d{2}))?(?![\p{L}\d])/iu;

export function readTimeToken(text: string): TimeToken | undefined {
  const twelve = TWELVE_HOUR.exec(text);
  if (twelve) {
    const meridiem = (twelve[3] as string).toLowerCase() === 'p' ? 'pm' : 'am';
    return { text: twelve[0], meridiem, time: twelveHour(Number(twelve[1]), Number(twelve[2] ?? 0), meridiem) };
  }
  const match = COLON.exec(text) ?? FRENCH.exec(text);
  if (!match) return undefined;
  return { text: match[0], time: twentyFourHour(Number(match[1]), Number(match[2] ?? 0)) };
}

function twelveHour(hour: number, minute: number, meridiem: 'am' | 'pm'): TimeOfDay | undefined {
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  return { hour: (hour % 12) + (meridiem === 'pm' ? 12 : 0), minute };
}

function twentyFourHour(hour: number, minute: number): TimeOfDay | undefined {
  return hour > 23 || minute > 59 ? undefined : { hour, minute };
}

export interface TimeRange {
  start: TimeToken;
  end?: TimeToken;
  /** What follows the range in the text. */
  rest: string;
}

// Emphasis may close between the two times (`**19h00** - **19h15**`), hence the [*_] around.
const RANGE_SEPARATOR = /^[\s*_]*(?:-|–|—|à|au|to|>|→)[\s*_]*/iu;

/** `19h00-19h15`, `19h à 19h15`, `6:00pm - 6:30pm`, or a single time, at the start of a text. */
export function readTimeRange(text: string): TimeRange | undefined {
  const start = readTimeToken(text);
  if (!start) return undefined;
  const afterStart = text.slice(start.text.length);
  const separator = RANGE_SEPARATOR.exec(afterStart);
  const end = separator ? readTimeToken(afterStart.slice(separator[0].length)) : undefined;
  if (!separator || !end) return { start, rest: afterStart };
  return { start: inferMeridiem(start, end), end, rest: afterStart.slice(separator[0].length + end.text.length) };
}

/** `6:00 - 6:30pm` means 18:00: the start borrows the end's pm when that keeps it before the end. */
function inferMeridiem(start: TimeToken, end: TimeToken): TimeToken {
  if (start.meridiem || end.meridiem !== 'pm' || !start.time || !end.time) return start;
  const shifted = start.time.hour + 12;
  return start.time.hour < 12 && shifted <= end.time.hour
    ? { ...start, time: { ...start.time, hour: shifted } }
    : start;
}

/** A whole text that is one time; 'invalid' when it has the shape of a time that cannot exist. */
export function parseTimeOfDay(text: string): TimeOfDay | 'invalid' | undefined {
  const trimmed = text.trim();
  const token = readTimeToken(trimmed);
  if (!token || token.text.length !== trimmed.length) return undefined;
  return token.time ?? 'invalid';
}

/** A whole text that is a range or one time (YAML `time:`). */
export function parseTimeRange(text: string): { start: TimeOfDay; end?: TimeOfDay } | 'invalid' | undefined {
  const range = readTimeRange(text.trim());
  if (!range || range.rest.trim() !== '') return undefined;
  if (!range.start.time || (range.end && !range.end.time)) return 'invalid';
  return { start: range.start.time, end: range.end?.time };
}

export const minutesOf = (time: TimeOfDay): number => time.hour * 60 + time.minute;

export const formatTime = (time: TimeOfDay): string =>
  `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;

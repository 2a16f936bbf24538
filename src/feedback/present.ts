import { DateTime } from 'luxon';
import type { MeetupEvent } from '../agenda/event.ts';
import { eventLabel } from '../agenda/eventLabel.ts';
import { shorten } from '../agenda/present.ts';
import { FORM_LIMITS, type Form, type FormField } from '../core/form.ts';
import { checkForm } from '../core/formCheck.ts';
import type { Locale } from '../core/i18n.ts';
import { reply, type Block, type Reply } from '../core/reply.ts';
import { joinText, literal, plain, time, truncate, type Text } from '../core/text.ts';
import { toCsv, type Cell } from './csv.ts';
import { feedbackMessages as m } from './messages.ts';
import { RATING_MAX, RATING_MIN, RATINGS, type Answer, type StoredResponse } from './model.ts';
import type { Comment, Histogram, Totals } from './repository.ts';
import { parseTalkRatings, type Talk, type TalkProblem } from './talks.ts';

export const FORM_ID = 'feedback:respond';
/** Longest comment kept (form field and options). */
export const COMMENT_MAX = 1000;
/** Longest talk-ratings text. */
export const TALKS_MAX = 100;
/** Comments shown by the summary, each cut to `COMMENT_SHOWN` characters: a summary fits one Discord message. */
export const COMMENTS_SHOWN = 5;
const COMMENT_SHOWN = 160;
const BAR_WIDTH = 20;
/** Discord placeholders hold 100 characters (Slack 150). */
const PLACEHOLDER_MAX = 100;

/** The answer fields, as typed: form values and option values share these ids. */
export const ANSWER_FIELDS = ['rating', 'worked', 'improve', 'talks'] as const;
export type Typed = Partial<Record<(typeof ANSWER_FIELDS)[number] | 'event', string>>;

export interface FormInput {
  locale: Locale;
  /** The event answered about; undefined when the member must (re)type it in an `event` field. */
  event?: MeetupEvent;
  talks: readonly Talk[];
  values?: Typed;
  errors?: Record<string, Text>;
}

/**
 * The feedback form: overall rating (required), what worked, what to improve, and, when the
 * meetup has talks, one short field of per-talk ratings `1:5 2:4` whose placeholder lists the
 * numbered talks. At most five fields: an `event` field is added only when the meetup named
 * could not be used, so that the member fixes it without losing the rest.
 */
export function responseForm(input: FormInput): Form {
  const { locale, event, talks } = input;
  const fields: FormField[] = [];
  if (!event)
    fields.push({
      id: 'event',
      kind: 'short',
      label: label(m.s(locale, 'eventLabel')),
      required: true,
      maxLength: 100,
    });
  fields.push(
    {
      id: 'rating',
      kind: 'rating',
      label: label(m.s(locale, 'ratingLabel')),
      required: true,
      min: RATING_MIN,
      max: RATING_MAX,
    },
    {
      id: 'worked',
      kind: 'long',
      label: label(m.s(locale, 'workedLabel')),
      required: false,
      maxLength: COMMENT_MAX,
      placeholder: m.s(locale, 'workedPlaceholder'),
    },
    {
      id: 'improve',
      kind: 'long',
      label: label(m.s(locale, 'improveLabel')),
      required: false,
      maxLength: COMMENT_MAX,
      placeholder: m.s(locale, 'improvePlaceholder'),
    },
  );
  if (talks.length > 0 || input.values?.talks) {
    fields.push({
      id: 'talks',
      kind: 'short',
      label: label(m.s(locale, 'talksLabel', { count: Math.max(talks.length, 1) })),
      required: false,
      maxLength: TALKS_MAX,
      placeholder: talksPlaceholder(talks),
    });
  }
  const values = Object.fromEntries(
    Object.entries(input.values ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    kind: 'form',
    id: FORM_ID,
    title: label(
      event ? m.s(locale, 'formTitle', { event: eventLabel(event) }) : m.s(locale, 'formTitleAny'),
      FORM_LIMITS.title,
    ),
    fields: fields.slice(0, FORM_LIMITS.fields),
    values,
    errors: input.errors ?? {},
    state: event ? { event: event.id } : {},
  };
}

const label = (value: string, max: number = FORM_LIMITS.label): string => truncate(value, max);

/** `1 Chaos en prod · 2 Capacité SQL`, each title cut to share the placeholder's 100 characters. */
export function talksPlaceholder(talks: readonly Talk[]): string | undefined {
  if (talks.length === 0) return undefined;
  const separator = ' · ';
  const each = Math.max(
    8,
    Math.floor((PLACEHOLDER_MAX - separator.length * (talks.length - 1)) / talks.length) - `${talks.length} `.length,
  );
  const text = talks.map((talk) => `${talk.number} ${shorten(talk.title, each)}`).join(separator);
  return label(text, PLACEHOLDER_MAX);
}

export type Checked = { ok: true; answer: Answer } | { ok: false; errors: Record<string, Text> };

/** Checks typed values with the form's own rules, then the talk ratings against the talks. */
export function checkAnswer(form: Form, values: Typed, talks: readonly Talk[], locale: Locale): Checked {
  const typed = values as Record<string, string>;
  const errors = checkForm(form, typed, locale);
  const ratings = parseTalkRatings(values.talks, talks);
  if (!ratings.ok && !errors.talks) errors.talks = talkProblem(ratings.problem, talks, locale);
  if (Object.keys(errors).length > 0 || !ratings.ok) return { ok: false, errors };
  const text = (value: string | undefined) => value?.trim() || undefined;
  return {
    ok: true,
    answer: {
      rating: Number(values.rating?.trim()),
      worked: text(values.worked),
      improve: text(values.improve),
      talks: ratings.ratings,
    },
  };
}

function talkProblem(problem: TalkProblem, talks: readonly Talk[], locale: Locale): Text {
  switch (problem.kind) {
    case 'syntax':
      return m.t(locale, 'talksSyntax', { part: problem.part });
    case 'unknown':
      return m.t(locale, 'talksUnknown', {
        n: problem.n,
        list: joinText(
          talks.map((talk) => [literal(`${talk.number} = `), plain(talk.title)]),
          ', ',
        ),
      });
    case 'rating':
      return m.t(locale, 'talksRating', { n: problem.n });
    case 'twice':
      return m.t(locale, 'talksTwice', { n: problem.n });
    case 'none':
      return m.t(locale, 'talksNone');
  }
}

/** The confirmation: what was saved, that it replaced an earlier answer, the numbered talks. */
export function savedReply(input: {
  locale: Locale;
  event: MeetupEvent;
  talks: readonly Talk[];
  saved: StoredResponse;
  previous?: StoredResponse;
  closes: DateTime;
}): Reply {
  const { locale, event, talks, saved, previous } = input;
  const blocks: Block[] = [{ type: 'text', text: m.t(locale, 'saved', { event: event.title, rating: saved.rating }) }];
  if (previous)
    blocks.push({
      type: 'text',
      text: m.t(locale, 'replaced', { date: [time(DateTime.fromISO(previous.at, { zone: 'utc' }), 'datetime')] }),
    });
  if (talks.length > 0) {
    blocks.push({ type: 'heading', text: m.t(locale, 'talksHeading') });
    blocks.push({
      type: 'list',
      items: talks.map((talk) => {
        const rating = saved.talks[String(talk.number)];
        const params = { n: talk.number, title: talk.title };
        return {
          text:
            rating === undefined ? m.t(locale, 'talkUnrated', params) : m.t(locale, 'talkRated', { ...params, rating }),
        };
      }),
    });
  }
  blocks.push({ type: 'text', text: m.t(locale, 'anonymous', { closes: [time(input.closes, 'date')] }) });
  return reply(blocks);
}

/** A refusal that repeats what the member typed, when no form can take it back. */
export function keptReply(reason: Text, values: Typed, locale: Locale): Reply {
  const labels = {
    rating: 'ratingLabel',
    worked: 'workedLabel',
    improve: 'improveLabel',
    talks: 'talksShort',
  } as const;
  const fields = ANSWER_FIELDS.flatMap((id) => {
    const value = values[id];
    return value ? [{ label: [literal(m.s(locale, labels[id]))], value: [plain(value)] }] : [];
  });
  const blocks: Block[] = [{ type: 'text', text: reason }];
  if (fields.length > 0) blocks.push({ type: 'text', text: m.t(locale, 'keptHeading') }, { type: 'fields', fields });
  return reply(blocks);
}

export function hiddenReply(event: MeetupEvent, count: number, min: number, locale: Locale): Reply {
  return reply([
    { type: 'heading', text: m.t(locale, 'summaryHeading', { event: event.title }) },
    { type: 'text', text: m.t(locale, 'summaryHidden', { count, min }) },
  ]);
}

/** The organisers' view: totals, histogram, per-talk averages, the latest comments. */
export function summaryReply(input: {
  locale: Locale;
  event: MeetupEvent;
  talks: readonly Talk[];
  totals: Totals;
  comments: readonly Comment[];
  min: number;
}): Reply {
  const { locale, event, talks, totals, comments, min } = input;
  const { overall } = totals;
  const blocks: Block[] = [
    { type: 'heading', text: m.t(locale, 'summaryHeading', { event: event.title }) },
    { type: 'text', text: m.t(locale, 'summaryTotals', { count: overall.count, average: average(overall) }) },
    { type: 'text', text: [literal(histogramLines(overall.counts, locale).join('\n'))] },
  ];
  if (talks.length > 0) {
    blocks.push({ type: 'heading', text: m.t(locale, 'talksSummaryHeading') });
    blocks.push({
      type: 'list',
      items: talks.map((talk) => {
        const histogram = totals.talks[talk.number - 1] ?? { counts: [], count: 0, sum: 0 };
        const params = { n: talk.number, title: talk.title };
        return histogram.count < min
          ? { text: m.t(locale, 'talkHidden', { ...params, min }) }
          : { text: m.t(locale, 'talkAverage', { ...params, average: average(histogram), count: histogram.count }) };
      }),
    });
  }
  blocks.push({
    type: 'heading',
    text: m.t(locale, 'commentsHeading', { shown: comments.length, total: totals.commented }),
  });
  if (comments.length === 0) blocks.push({ type: 'text', text: m.t(locale, 'noComments') });
  else blocks.push({ type: 'list', items: comments.map((comment) => commentItem(comment, locale)) });
  blocks.push({ type: 'text', text: m.t(locale, 'exportHint', { ref: eventLabel(event, 'typed') }) });
  return reply(blocks);
}

function commentItem(comment: Comment, locale: Locale) {
  const lines: Text[] = [];
  if (comment.worked) lines.push(m.t(locale, 'commentWorked', { text: shorten(comment.worked, COMMENT_SHOWN) }));
  if (comment.improve) lines.push(m.t(locale, 'commentImprove', { text: shorten(comment.improve, COMMENT_SHOWN) }));
  return { text: lines[0] ?? [], detail: lines[1] };
}

/** Two decimals at most, formatted by the catalogue in the reader's language (4,25 in French). */
function average(histogram: Histogram): number {
  return histogram.count === 0 ? 0 : Math.round((histogram.sum / histogram.count) * 100) / 100;
}

/** `5 ████████ 8`, best rating first; bars scaled to the largest bucket; counts in the reader's format. */
export function histogramLines(counts: readonly number[], locale: Locale = 'en'): string[] {
  const max = Math.max(1, ...counts);
  const format = new Intl.NumberFormat(locale);
  return [...RATINGS].reverse().map((rating) => {
    const count = counts[rating - 1] ?? 0;
    const width = count === 0 ? 0 : Math.max(1, Math.round((count / max) * BAR_WIDTH));
    return `${rating} ${'█'.repeat(width)}${width > 0 ? ' ' : ''}${format.format(count)}`;
  });
}

/** Every answer as a CSV attachment: one row each, talk columns titled with the talks. */
export function exportReply(input: {
  locale: Locale;
  event: MeetupEvent;
  talks: readonly Talk[];
  responses: readonly StoredResponse[];
  unreadable: number;
  at: DateTime;
}): Reply {
  const { locale, event, talks, responses } = input;
  const blocks: Block[] = [
    { type: 'text', text: m.t(locale, 'exported', { count: responses.length, event: event.title }) },
  ];
  if (input.unreadable > 0) blocks.push({ type: 'text', text: m.t(locale, 'unreadable', { count: input.unreadable }) });
  const stamp = input.at.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
  blocks.push({
    type: 'attachment',
    // The BOM makes Excel read the file as UTF-8 (accents in French comments).
    attachment: {
      filename: `feedback-${event.id}-${stamp}.csv`,
      contentType: 'text/csv; charset=utf-8',
      content: `\uFEFF${feedbackCsv(event, talks, responses, locale)}`,
    },
  });
  return reply(blocks);
}

export function feedbackCsv(
  event: MeetupEvent,
  talks: readonly Talk[],
  responses: readonly StoredResponse[],
  locale: Locale,
): string {
  const talkColumns = Math.max(
    talks.length,
    ...responses.flatMap((response) => Object.keys(response.talks).map(Number)),
  );
  const header: Cell[] = [
    m.s(locale, 'csvResponse'),
    m.s(locale, 'csvDate'),
    m.s(locale, 'csvRating'),
    m.s(locale, 'csvWorked'),
    m.s(locale, 'csvImprove'),
    ...Array.from({ length: talkColumns }, (_, i) =>
      m.s(locale, 'csvTalk', { n: i + 1, title: talks[i]?.title ?? '?' }),
    ),
  ];
  const rows = responses.map((response, i): Cell[] => [
    i + 1,
    DateTime.fromISO(response.at, { zone: 'utc' }).setZone(event.timezone).toISODate() ?? '',
    response.rating,
    response.worked ?? '',
    response.improve ?? '',
    ...Array.from({ length: talkColumns }, (_, t) => response.talks[String(t + 1)] ?? ''),
  ]);
  return toCsv([header, ...rows]);
}

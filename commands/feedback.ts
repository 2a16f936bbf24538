import type { Agenda } from '../src/agenda/agenda.ts';
import type { MeetupEvent } from '../src/agenda/event.ts';
import { eventLabel } from '../src/agenda/eventLabel.ts';
import type { OptionSpec, Options, Outcome } from '../src/core/command.ts';
import type { FormSubmission } from '../src/core/form.ts';
import { coreMessages } from '../src/core/messages.ts';
import { say } from '../src/core/reply.ts';
import { literal, time, type Text } from '../src/core/text.ts';
import { FeedbackBusyError } from '../src/feedback/lock.ts';
import { feedbackMessages as m } from '../src/feedback/messages.ts';
import {
  ANSWER_FIELDS,
  checkAnswer,
  COMMENTS_SHOWN,
  exportReply,
  FORM_ID,
  hiddenReply,
  keptReply,
  responseForm,
  savedReply,
  summaryReply,
  type Typed,
} from '../src/feedback/present.ts';
import { rateableTalks, type Talk } from '../src/feedback/talks.ts';
import { target, type Target } from '../src/feedback/window.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

/**
 * `/feedback [event]`: a member rates a meetup that ended within the feedback window (a form, or
 * at once when `rating:` is given). `/feedback summary|export [event]`: the organisers' totals
 * and CSV. Per-talk ratings are one field, `talks:"1:5 2:4"`, numbered as the form's placeholder
 * and the confirmation list them (see src/feedback/talks.ts for why).
 */
const EVENT: OptionSpec = {
  name: 'event',
  names: { fr: 'événement' },
  type: 'string',
  positional: true,
  maxLength: 100,
  description: m.both('eventOption'),
};

export const feedback: Command = {
  name: 'feedback',
  names: { fr: 'avis' },
  description: m.both('commandDescription'),
  examples: examples.feedback,
  defaultSubcommand: 'give',
  subcommands: [
    {
      name: 'give',
      names: { fr: 'donner' },
      description: m.both('subGive'),
      options: [
        EVENT,
        {
          name: 'rating',
          names: { fr: 'note' },
          type: 'integer',
          minValue: 1,
          maxValue: 5,
          description: m.both('ratingOption'),
        },
        // No maxLength on the texts: an over-long one comes back in the form, with the reason, instead of being refused.
        { name: 'worked', names: { fr: 'apprécié' }, type: 'string', description: m.both('workedOption') },
        { name: 'improve', names: { fr: 'améliorer' }, type: 'string', description: m.both('improveOption') },
        { name: 'talks', names: { fr: 'exposés' }, type: 'string', description: m.both('talksOption') },
      ],
      // The form numbers the meetup's talks, accepted lightning talks included: one read of the
      // event's accepted list (an index key) comes before it, well within the first-response deadline.
      responds: (options) => (options.rating === undefined ? 'form' : 'ephemeral'),
      run: (ctx, options) => give(ctx, options),
    },
    {
      name: 'summary',
      names: { fr: 'synthèse' },
      description: m.both('subSummary'),
      options: [EVENT],
      responds: 'ephemeral',
      run: (ctx, options) => organisers(ctx, 'summary', text(options.event)),
    },
    {
      name: 'export',
      names: { fr: 'exporter' },
      description: m.both('subExport'),
      options: [EVENT],
      responds: 'ephemeral',
      run: (ctx, options) => organisers(ctx, 'export', text(options.event)),
    },
  ],

  async submit(ctx, submission) {
    if (submission.formId !== FORM_ID) throw new Error(`feedback: unknown form ${submission.formId}`);
    const values = submitted(submission);
    const askEvent = submission.state.event === undefined;
    const ref = askEvent ? values.event?.trim() : submission.state.event;
    if (askEvent && !ref) {
      const talks = await fallbackTalks(ctx);
      const errors = { event: coreMessages.t(ctx.locale, 'fieldRequired', { label: m.s(ctx.locale, 'eventLabel') }) };
      return responseForm({ locale: ctx.locale, talks, values, errors });
    }
    const chosen = target(agenda(ctx), ref, ctx.community.feedback, ctx.clock.now());
    if (chosen.kind !== 'open') {
      const reason = explain(ctx, chosen, true);
      // The form had an event field: give it back with the reason next to it. Otherwise the window
      // closed while the form was open: say so, and give back what was written.
      if (askEvent)
        return responseForm({ locale: ctx.locale, talks: await fallbackTalks(ctx), values, errors: { event: reason } });
      return keptReply(reason, values, ctx.locale);
    }
    return accept(ctx, chosen, await talksOf(ctx, chosen.event), values, askEvent);
  },
};

/** `/feedback give [event]`: the form, or the answer saved at once when a rating is given. */
async function give(ctx: Ctx, options: Options): Promise<Outcome> {
  const ref = text(options.event);
  const typed = typedOptions(options);
  const chosen = target(agenda(ctx), ref, ctx.community.feedback, ctx.clock.now());
  if (chosen.kind !== 'open') return refuse(ctx, chosen, ref, typed);
  const talks = await talksOf(ctx, chosen.event);
  // Without a rating there is nothing to save yet: the form, with whatever was already typed.
  if (typed.rating === undefined)
    return responseForm({ locale: ctx.locale, event: chosen.event, talks, values: typed });
  return accept(ctx, chosen, talks, typed, false);
}

/** Checks and saves an answer; invalid input comes back as the form, filled as typed, with reasons. */
async function accept(
  ctx: Ctx,
  open: Extract<Target, { kind: 'open' }>,
  talks: Talk[],
  values: Typed,
  askEvent: boolean,
): Promise<Outcome> {
  const { event } = open;
  const form = responseForm({ locale: ctx.locale, event: askEvent ? undefined : event, talks, values });
  const checked = checkAnswer(form, values, talks, ctx.locale);
  if (!checked.ok) return { ...form, errors: checked.errors };
  const { responses, memberKeys } = ctx.services.feedback;
  const where = { communityId: ctx.community.id, eventId: event.id };
  const member = await memberKeys.of({ platform: ctx.origin.platform, memberId: ctx.origin.member.id, ...where });
  try {
    // Awaited: the member is told "saved" only once the store has it.
    const { saved, previous } = await responses.save(where, member, checked.answer, ctx.clock.now());
    return savedReply({ locale: ctx.locale, event, talks, saved, previous, closes: open.closes });
  } catch (error) {
    // The core's guard would say it too; here the answer typed is given back, so nothing is lost.
    if (error instanceof FeedbackBusyError) return keptReply(error.textIn(ctx.locale), values, ctx.locale);
    throw error;
  }
}

/** The event named cannot take answers: the form back with an event field when something was typed and a meetup is open. */
async function refuse(
  ctx: Ctx,
  chosen: Exclude<Target, { kind: 'open' }>,
  ref: string | undefined,
  typed: Typed,
): Promise<Outcome> {
  const reason = explain(ctx, chosen, ref !== undefined);
  const hasTyped = ANSWER_FIELDS.some((id) => typed[id] !== undefined);
  if (!hasTyped) return say(reason);
  if (ref !== undefined && target(agenda(ctx), undefined, ctx.community.feedback, ctx.clock.now()).kind === 'open') {
    return responseForm({
      locale: ctx.locale,
      talks: await fallbackTalks(ctx),
      values: { event: ref, ...typed },
      errors: { event: reason },
    });
  }
  return keptReply(reason, typed, ctx.locale);
}

function explain(ctx: Ctx, chosen: Exclude<Target, { kind: 'open' }>, named: boolean): Text {
  const { locale } = ctx;
  const days = ctx.community.feedback.windowDays;
  switch (chosen.kind) {
    case 'not-found':
      return m.t(locale, 'notFound', { ref: chosen.ref, known: known(agenda(ctx)) });
    case 'none-ended':
      return m.t(locale, 'noneEnded');
    case 'not-ended':
      return m.t(locale, 'notEnded', { event: chosen.event.title, end: [time(chosen.event.end, 'datetime')] });
    case 'closed':
      return named
        ? m.t(locale, 'closed', { event: chosen.event.title, closes: [time(chosen.closes, 'date')], days })
        : m.t(locale, 'noneOpen', { event: chosen.event.title, closes: [time(chosen.closes, 'date')], days });
  }
}

/** `/feedback summary|export [event]`: default the last meetup that ended, however long ago. */
async function organisers(ctx: Ctx, action: 'summary' | 'export', ref: string | undefined): Promise<Outcome> {
  const { locale } = ctx;
  if (!ctx.isOrganiser) return say(m.t(locale, 'organisersOnly', { community: ctx.community.name }));
  const book = agenda(ctx);
  const event = ref !== undefined ? book.find(ref) : book.lastEnded(ctx.clock.now());
  if (!event)
    return say(ref !== undefined ? m.t(locale, 'notFound', { ref, known: known(book) }) : m.t(locale, 'noneEnded'));
  const talks = await talksOf(ctx, event);
  const { responses } = ctx.services.feedback;
  const where = { communityId: ctx.community.id, eventId: event.id };
  const min = ctx.community.feedback.minResponses;
  if (action === 'summary') {
    const totals = await responses.totals(where, talks.length);
    if (totals.overall.count < min) return hiddenReply(event, totals.overall.count, min, locale);
    const comments = await responses.latestComments(where, COMMENTS_SHOWN);
    return summaryReply({ locale, event, talks, totals, comments, min });
  }
  const all = await responses.all(where);
  if (all.responses.length < min) return hiddenReply(event, all.responses.length, min, locale);
  return exportReply({
    locale,
    event,
    talks,
    responses: all.responses,
    unreadable: all.unreadable,
    at: ctx.clock.now(),
  });
}

function agenda(ctx: Ctx): Agenda {
  return ctx.services.agenda(ctx.community.id);
}

function talksOf(ctx: Ctx, event: MeetupEvent): Promise<Talk[]> {
  return rateableTalks(event, ctx.community.id, ctx.services.lightning);
}

/** Talks of the meetup open for feedback, for a form whose event is still to be fixed. */
async function fallbackTalks(ctx: Ctx): Promise<Talk[]> {
  const open = target(agenda(ctx), undefined, ctx.community.feedback, ctx.clock.now());
  return open.kind === 'open' ? talksOf(ctx, open.event) : [];
}

function text(value: Options[string]): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function typedOptions(options: Options): Typed {
  return {
    rating: typeof options.rating === 'number' ? String(options.rating) : undefined,
    worked: text(options.worked),
    improve: text(options.improve),
    talks: text(options.talks),
  };
}

function submitted(submission: FormSubmission): Typed {
  const pick = (id: string) => (typeof submission.values[id] === 'string' ? submission.values[id] : undefined);
  return {
    event: pick('event'),
    rating: pick('rating'),
    worked: pick('worked'),
    improve: pick('improve'),
    talks: pick('talks'),
  };
}

/** The last few meetups by number or date, as a hint of what can be asked for. */
function known(book: Agenda): Text {
  return [
    literal(
      book
        .all()
        .slice(-5)
        .map((event) => eventLabel(event))
        .join(', ') || '—',
    ),
  ];
}

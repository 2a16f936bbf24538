import type { DateTime } from 'luxon';
import { DateTime as LuxonDateTime } from 'luxon';
import type { Agenda } from '../agenda/agenda.ts';
import type { MeetupEvent } from '../agenda/event.ts';
import { eventLabel } from '../agenda/eventLabel.ts';
import { shorten } from '../agenda/present.ts';
import type { Locale } from '../core/i18n.ts';
import { reply, type Block, type ListItem, type Reply } from '../core/reply.ts';
import { joinText, literal, plain, time, type Text } from '../core/text.ts';
import type { ProposalProblem } from './errors.ts';
import { proposalMessages as m } from './messages.ts';
import type { EventEntry, Proposal, ProposalState } from './model.ts';
import { cfpStatus, cfpWindow, type ProposalSettings } from './settings.ts';
import { eventName } from './target.ts';

/** Organisers read this many proposals a page: one page fits a Discord or Slack message. */
export const PAGE_SIZE = 10;
const ABSTRACT_PREVIEW = 160;

/** Ids are typed back by people: digits only, never `1 500`. */
export const num = (n: number): Text => [literal(String(n))];

/** A proposal's title: the speaker's text, so a plain token (quoted by the catalogue). */
export const titleText = (proposal: Proposal): Text => [plain(proposal.title)];

const STATE_KEYS = {
  submitted: 'stateSubmitted',
  accepted: 'stateAccepted',
  rejected: 'stateRejected',
  withdrawn: 'stateWithdrawn',
} as const satisfies Record<ProposalState, string>;

export const stateName = (state: ProposalState, locale: Locale): Text => m.t(locale, STATE_KEYS[state]);

export function speakerName(proposal: Proposal): Text {
  const { name, handle } = proposal.speaker;
  return [plain(handle ? `${name} (@${handle})` : name)];
}

/** How a proposal's meetup is named: its title when the agenda still knows it, else its id. */
export function eventNameOf(book: Agenda, eventId: string): Text {
  const event = book.find(eventId);
  return event ? eventName(event) : [plain(eventId)];
}

/** `/propose mine`. */
export function mineReply(proposals: Proposal[], unreadable: number[], book: Agenda, locale: Locale): Reply {
  const blocks: Block[] = [{ type: 'heading', text: m.t(locale, 'mineHeading') }];
  if (proposals.length === 0 && unreadable.length === 0)
    return reply([...blocks, { type: 'text', text: m.t(locale, 'mineEmpty') }]);
  const items: ListItem[] = [...proposals]
    .sort((a, b) => b.id - a.id)
    .map((p) => ({
      text: m.t(locale, 'mineItem', {
        id: num(p.id),
        title: titleText(p),
        event: eventNameOf(book, p.eventId),
        minutes: p.duration,
        state: stateName(p.state, locale),
      }),
    }));
  if (items.length > 0) blocks.push({ type: 'list', items });
  blocks.push(...unreadableNote(unreadable, locale));
  blocks.push({ type: 'text', text: m.t(locale, 'mineHint') });
  return reply(blocks);
}

/** Accepted first (in acceptance order), then waiting (oldest first), then the decided and withdrawn. */
const ORDER: Record<ProposalState, number> = { accepted: 0, submitted: 1, rejected: 2, withdrawn: 3 };

export interface Page {
  /** Ids shown on this page, in display order. */
  ids: number[];
  page: number;
  pages: number;
}

/** Orders an event's index entries for organisers and cuts out one page, without reading records. */
export function pageOf(entries: readonly EventEntry[], acceptedOrder: readonly number[], page: number): Page {
  const rank = new Map(acceptedOrder.map((id, index) => [id, index]));
  const sorted = [...entries].sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0) || a.id - b.id,
  );
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page)), pages);
  return {
    ids: sorted.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((entry) => entry.id),
    page: current,
    pages,
  };
}

export interface ListView {
  event: MeetupEvent;
  /** The event's whole index: counts come from here. */
  entries: readonly EventEntry[];
  page: Page;
  /** The page's records, read; those that could not be read are in `unreadable`. */
  shown: Proposal[];
  unreadable: number[];
  /** The event's accepted talks, for the minutes they take. */
  accepted: readonly Proposal[];
  settings: ProposalSettings;
  now: DateTime;
  locale: Locale;
}

/** `/proposals [event]`: one page, with the counts an organiser decides on. */
export function listReply(view: ListView): Reply {
  const { event, locale, settings, entries, page } = view;
  const blocks: Block[] = [{ type: 'heading', text: m.t(locale, 'listHeading', { event: eventName(event) }) }];
  blocks.push({ type: 'text', text: cfpLine(event, settings, view.now, locale) });
  if (entries.length === 0) {
    blocks.push({ type: 'text', text: m.t(locale, 'listEmpty', { event: eventName(event) }) });
    return reply(blocks);
  }
  const count = (state: ProposalState) => entries.filter((entry) => entry.state === state).length;
  const summary = {
    taken: count('accepted'),
    capacity: settings.capacity,
    waiting: count('submitted'),
    total: entries.length,
  };
  blocks.push({
    type: 'text',
    text:
      settings.minutes === undefined
        ? m.t(locale, 'listSummary', summary)
        : m.t(locale, 'listSummaryMinutes', { ...summary, used: minutesOf(view.accepted), block: settings.minutes }),
  });
  const byId = new Map(view.shown.map((p) => [p.id, p]));
  const items = page.ids.flatMap((id) => {
    const proposal = byId.get(id);
    return proposal ? [listItem(proposal, locale)] : [];
  });
  if (items.length > 0) blocks.push({ type: 'list', items });
  if (page.pages > 1) {
    const from = (page.page - 1) * PAGE_SIZE + 1;
    const params = {
      from,
      to: from + page.ids.length - 1,
      total: entries.length,
      ref: [literal(eventLabel(event))],
      next: page.page + 1,
    };
    blocks.push({ type: 'text', text: m.t(locale, page.page < page.pages ? 'listMore' : 'listLastPage', params) });
  }
  blocks.push(...unreadableNote(view.unreadable, locale));
  blocks.push({ type: 'text', text: m.t(locale, 'listHint') });
  return reply(blocks);
}

function listItem(p: Proposal, locale: Locale): ListItem {
  const age = [time(LuxonDateTime.fromISO(p.submittedAt, { zone: 'utc' }), 'relative')];
  const text = m.t(locale, 'listItem', {
    id: num(p.id),
    title: titleText(p),
    speaker: speakerName(p),
    minutes: p.duration,
    state: stateName(p.state, locale),
    age,
  });
  return { text, detail: [plain(shorten(p.abstract, ABSTRACT_PREVIEW))] };
}

function cfpLine(event: MeetupEvent, settings: ProposalSettings, now: DateTime, locale: Locale): Text {
  const window = cfpWindow(event, settings);
  switch (cfpStatus(event, settings, now)) {
    case 'open':
      return m.t(locale, 'cfpOpenUntil', { date: [time(window.closes, 'datetime')] });
    case 'not-yet':
      return m.t(locale, 'cfpOpensAt', { date: [time(window.opens as DateTime, 'datetime')] });
    case 'closed':
    case 'past':
      return m.t(locale, 'cfpClosedSince', { date: [time(window.closes, 'datetime')] });
  }
}

export function unreadableNote(ids: number[], locale: Locale): Block[] {
  if (ids.length === 0) return [];
  return [
    { type: 'text', text: m.t(locale, 'unreadableNote', { count: ids.length, ids: [literal(ids.join(', #'))] }) },
  ];
}

/** What the repository refused, worded for the person who asked. */
export function describeProblem(
  problem: ProposalProblem,
  ctx: { locale: Locale; communityName: string; book: Agenda },
): Text {
  const { locale } = ctx;
  switch (problem.kind) {
    case 'not-found':
      return m.t(locale, 'notFound', { id: num(problem.id), community: ctx.communityName });
    case 'unreadable':
      return m.t(locale, 'unreadable', { id: num(problem.id) });
    case 'index-unreadable':
      return m.t(locale, 'indexUnreadable');
    case 'not-yours':
      return m.t(locale, 'notYours', { id: num(problem.id) });
    case 'not-editable':
      return m.t(locale, 'notEditable', {
        id: num(problem.proposal.id),
        state: stateName(problem.proposal.state, locale),
      });
    case 'bad-transition': {
      if (problem.proposal.state === problem.to)
        return m.t(locale, ALREADY[problem.to], { id: num(problem.proposal.id) });
      const key = (
        {
          accepted: 'cannotAccept',
          rejected: 'cannotReject',
          withdrawn: 'cannotWithdraw',
          submitted: 'cannotWithdraw',
        } as const
      )[problem.to];
      return m.t(locale, key, { id: num(problem.proposal.id), state: stateName(problem.proposal.state, locale) });
    }
    case 'full':
      return m.t(locale, 'full', {
        capacity: problem.capacity,
        event: eventNameOf(ctx.book, problem.eventId),
        list: problem.accepted.length > 0 ? titles(problem.accepted) : m.t(locale, 'none'),
        id: num(problem.id),
      });
    case 'no-time': {
      const { proposal, block, accepted } = problem;
      const used = minutesOf(accepted);
      const list =
        accepted.length > 0
          ? joinText(
              accepted.map((p) =>
                m.t(locale, 'talkMinutes', { id: num(p.id), title: titleText(p), minutes: p.duration }),
              ),
              ', ',
            )
          : m.t(locale, 'none');
      return m.t(locale, 'noTime', {
        id: num(proposal.id),
        minutes: proposal.duration,
        block,
        event: eventNameOf(ctx.book, proposal.eventId),
        used,
        list,
      });
    }
    case 'too-many-open':
      return m.t(locale, 'tooManyOpen', { count: problem.open.length, list: titles(problem.open) });
    case 'busy':
      return m.t(locale, 'busy');
  }
}

const ALREADY = {
  accepted: 'alreadyAccepted',
  rejected: 'alreadyRejected',
  withdrawn: 'alreadyWithdrawn',
  submitted: 'alreadyWithdrawn',
} as const;

/** Minutes the given talks take together. */
export const minutesOf = (proposals: readonly Proposal[]): number => proposals.reduce((sum, p) => sum + p.duration, 0);

/** `#3 Title, #5 Other` with the titles as plain text. */
export function titles(proposals: Proposal[]): Text {
  return proposals.flatMap((p, index) => [...(index > 0 ? [literal(', ')] : []), literal(`#${p.id} `), plain(p.title)]);
}

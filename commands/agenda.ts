import { agendaMessages as m } from '../src/agenda/messages.ts';
import { onNowReply } from '../src/agenda/present.ts';
import type { Agenda } from '../src/agenda/agenda.ts';
import { eventLabel } from '../src/agenda/eventLabel.ts';
import type { Locale } from '../src/core/i18n.ts';
import { say } from '../src/core/reply.ts';
import { literal } from '../src/core/text.ts';
import type { Command } from './types.ts';
import { abstractReply } from './agendaAbstract.ts';
import { programmeWithButtons } from './agendaProgramme.ts';
import { examples } from './examples.ts';
import { calendarReply } from './agendaCalendar.ts';

/** `/agenda [event|now] [ics] [share]`: the next meetup's programme, a given one, or what is on now; `share` posts it in the channel. */
export const agenda: Command = {
  name: 'agenda',
  names: { fr: 'agenda' },
  description: m.both('commandDescription'),
  examples: examples.agenda,
  options: [
    {
      name: 'event',
      names: { fr: 'événement' },
      type: 'string',
      positional: true,
      maxLength: 100,
      example: '4',
      description: m.both('eventOption'),
    },
    {
      name: 'format',
      names: { fr: 'format' },
      type: 'string',
      positional: true,
      choices: ['ics'],
      example: 'ics',
      description: m.both('formatOption'),
    },
    { name: 'share', names: { fr: 'partager' }, type: 'boolean', positional: true, description: m.both('shareOption') },
  ],
  // For the reader who asked, unless they share it with the channel.
  responds: (options) => (options.share === true ? 'channel' : 'ephemeral'),
  async run(ctx, options) {
    const book = ctx.services.agenda(ctx.community.id);
    const now = ctx.clock.now();
    const ref = typeof options.event === 'string' ? options.event : undefined;
    if (ref?.toLowerCase() === 'now') return onNowReply(book.onNow(now), book.next(now), ctx.locale);
    const event = ref && ref.toLowerCase() !== 'next' ? book.find(ref) : book.next(now);
    if (!event)
      return ref
        ? say(m.t(ctx.locale, 'notFound', { ref, known: known(book, ctx.locale) }))
        : nothingAhead(book, ctx.locale);
    const visibility = options.share === true ? 'channel' : 'ephemeral';
    if (options.format === 'ics') return { ...(await calendarReply(ctx, event)), visibility };
    const lightning = await ctx.services.lightning.accepted(ctx.community.id, event.id);
    return { ...programmeWithButtons(event, ctx.locale, now, lightning), visibility };
  },
  // An abstract is for the reader who asked, not a post in the channel.
  actResponds: () => 'ephemeral',
  async act(ctx, { action, value }) {
    if (action !== 'abstract') throw new Error(`/agenda has no button ${action}`);
    return abstractReply(ctx, value);
  },
};

function nothingAhead(book: Agenda, locale: Locale) {
  return book.all().length === 0
    ? say(m.t(locale, 'noEvents'))
    : say(m.t(locale, 'noUpcoming', { known: known(book, locale) }));
}

/** The last few meetups by number or date, as a hint of what can be asked for. */
function known(book: Agenda, _locale: Locale) {
  const refs = book
    .all()
    .slice(-5)
    .map((event) => eventLabel(event));
  return [literal(refs.join(', ') || '—')];
}

import type { MeetupEvent } from '../src/agenda/event.ts';
import { calendarFile, eventCalendar } from '../src/agenda/icsFeed.ts';
import { agendaMessages as m } from '../src/agenda/messages.ts';
import { reply, type Reply } from '../src/core/reply.ts';
import type { Ctx } from './types.ts';

/** `/agenda 13 ics`: the meetup as a calendar file, with the lightning talks accepted so far. */
export async function calendarReply(ctx: Ctx, event: MeetupEvent): Promise<Reply> {
  const { calendarSequences: sequences, lightning } = ctx.services;
  const content = await eventCalendar(event, { community: ctx.community, lightning, sequences, now: ctx.clock.now() });
  return reply([
    { type: 'text', text: m.t(ctx.locale, 'icsAttached', { title: event.title }) },
    { type: 'attachment', attachment: { ...calendarFile(event.id), content } },
  ]);
}

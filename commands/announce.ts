import { DateTime } from 'luxon';
import { channelsOn, type Community } from '../src/config/community.ts';
import { announceMessages as m } from '../src/announcements/messages.ts';
import { compileCron } from '../src/announcements/cron.ts';
import { targetLabel, type ScheduleRecord, type ScheduleState } from '../src/announcements/model.ts';
import { nextCronRuns } from '../src/announcements/occurrences.ts';
import { describeOffset, instant } from '../src/announcements/compose.ts';
import { checkAt, checkChannel, checkCron, checkMessage, exampleAt } from '../src/announcements/validate.ts';
import { zoneTime } from '../src/announcements/zoneName.ts';
import type { Locale } from '../src/core/i18n.ts';
import type { Platform } from '../src/core/invocation.ts';
import { reply, say, type Block, type ListItem, type Reply } from '../src/core/reply.ts';
import { joinText, literal, plain, time, type Text } from '../src/core/text.ts';
import type { SubcommandDefinition, OptionSpec } from '../src/core/command.ts';
import type { Services } from '../src/services.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

/**
 * `/announce` (organisers): schedule a post once (`at:`) or on a cron schedule (`cron:`), in the
 * community's zone; `list` shows each with its next 3 runs and last result; `cancel`, `pause`,
 * `resume` take its number. The scheduler (src/announcements/scheduler.ts) does the posting.
 */
const ID: OptionSpec = { name: 'id', names: { fr: 'numéro' }, type: 'string', positional: true, required: true, maxLength: 20, example: '3', description: m.both('idOption') };

/** cancel, pause and resume each take an announcement's number (resume also takes `reminders`). */
const FRENCH_NAMES = { cancel: 'annuler', pause: 'suspendre', resume: 'reprendre' } as const;

const changeSubcommand = (name: 'cancel' | 'pause' | 'resume'): SubcommandDefinition<Services, Community> => ({
  name,
  names: { fr: FRENCH_NAMES[name] },
  description: m.both(name === 'cancel' ? 'subCancel' : name === 'pause' ? 'subPause' : 'subResume'),
  options: [ID],
  responds: 'ephemeral',
  run: (ctx, options) => change(ctx, name, options.id as string),
});

export const announce: Command = {
  name: 'announce', names: { fr: 'annoncer' },
  description: m.both('commandDescription'),
  examples: examples.announce,
  organiserOnly: true,
  defaultSubcommand: 'create',
  subcommands: [
    {
      name: 'create', names: { fr: 'créer' },
      description: m.both('subCreate'),
      options: [
        { name: 'at', names: { fr: 'date' }, type: 'string', maxLength: 40, description: m.both('atOption') },
        { name: 'cron', names: { fr: 'cron' }, type: 'string', maxLength: 100, description: m.both('cronOption') },
        { name: 'message', names: { fr: 'message' }, type: 'string', description: m.both('messageOption') },
        { name: 'channel', names: { fr: 'salon' }, type: 'string', maxLength: 100, description: m.both('channelOption') },
      ],
      responds: 'ephemeral',
      run: (ctx, options) => create(ctx, options),
    },
    { name: 'list', names: { fr: 'liste' }, description: m.both('subList'), options: [], responds: 'ephemeral', run: (ctx) => list(ctx) },
    changeSubcommand('cancel'),
    changeSubcommand('pause'),
    changeSubcommand('resume'),
  ],
};
async function create(ctx: Ctx, options: Record<string, unknown>): Promise<Reply> {
  const { community, locale } = ctx;
  const now = ctx.clock.now();
  const example = exampleAt(community, now);
  const at = typeof options.at === 'string' ? options.at : undefined;
  const cron = typeof options.cron === 'string' ? options.cron : undefined;
  if (at === undefined && cron === undefined) {
    return say(typeof options.message === 'string' ? m.t(locale, 'needWhen', { example }) : m.t(locale, 'usage', { example }));
  }
  if (at !== undefined && cron !== undefined) return say(m.t(locale, 'atAndCron', { example }));
  if (typeof options.message !== 'string') return say(m.t(locale, 'needMessage', { example }));
  const message = checkMessage(options.message, locale, example);
  if (!message.ok) return say(message.problem);
  const channel = checkChannel(community, typeof options.channel === 'string' ? options.channel : undefined, locale, ctx.origin.platform);
  if (!channel.ok) return say(channel.problem);
  const when = at !== undefined ? checkAt(at, community, now, locale) : undefined;
  if (when && !when.ok) return say(when.problem);
  const spec = cron !== undefined ? checkCron(cron, community, now, locale) : undefined;
  if (spec && !spec.ok) return say(spec.problem);

  const record = await ctx.services.announcements.create({
    communityId: community.id,
    ...channel.value,
    message: message.value,
    ...(when?.ok ? { at: when.value } : {}),
    ...(spec?.ok ? { cron: spec.value.expression } : {}),
    createdBy: ctx.origin.member.id,
    createdAt: now.toMillis(),
    from: now.toMillis(),
  });
  if (record.at !== undefined) return say(m.t(locale, 'createdOnce', { id: record.id, channel: record.channel, when: [time(instant(record.at))] }), 'ephemeral');
  return say(m.t(locale, 'createdCron', { id: record.id, channel: record.channel, runs: runs(record, community, now.toMillis()) }));
}

async function change(ctx: Ctx, action: 'cancel' | 'pause' | 'resume', ref: string): Promise<Reply> {
  const { locale, community } = ctx;
  const repository = ctx.services.announcements;
  if (action === 'resume' && ref?.toLowerCase() === 'reminders') {
    await repository.resumeReminders(community.id);
    return say(m.t(locale, 'remindersResumed', { channel: channelsOn(community, ctx.origin.platform).announcements ?? '—' }));
  }
  const id = Number(ref?.replace(/^[#n°]+/i, ''));
  if (!ref || !Number.isInteger(id) || id <= 0) return say(m.t(locale, 'needId', { action }));
  const record = await repository.get(community.id, id);
  if (!record) return say(m.t(locale, 'notFound', { id }));
  const now = ctx.clock.now().toMillis();
  switch (action) {
    case 'cancel':
      await repository.remove(community.id, id);
      return say(m.t(locale, 'cancelled', { id }));
    case 'pause':
      if (record.paused) return say(m.t(locale, 'alreadyPaused', { id }));
      await repository.save({ ...record, paused: { by: 'organiser', at: now } });
      return say(m.t(locale, 'paused', { id }));
    default: {
      if (!record.paused) return say(m.t(locale, 'notPaused', { id }));
      const { paused: _paused, ...rest } = record;
      // Runs that fell while it was paused are not posted: it starts again from now.
      await repository.save({ ...rest, from: Math.max(record.from, now) });
      return say(m.t(locale, 'resumed', { id }));
    }
  }
}

async function list(ctx: Ctx): Promise<Reply> {
  const { community, locale } = ctx;
  const repository = ctx.services.announcements;
  const now = ctx.clock.now();
  const records = await repository.list(community.id);
  const states = await repository.states(records);
  const [reminders] = await repository.reminderStates([community.id]);
  const blocks: Block[] = [{ type: 'heading', text: m.t(locale, 'listHeading', { community: community.name }) }];
  blocks.push({ type: 'text', text: remindersLine(community, ctx.origin.platform, reminders, locale) });
  if (records.length === 0) blocks.push({ type: 'text', text: m.t(locale, 'listEmpty', { example: exampleAt(community, now) }) });
  else blocks.push({ type: 'list', items: records.map((record, i) => item(record, states[i], community, locale, now)) });
  return reply(blocks);
}

function item(record: ScheduleRecord, state: ScheduleState | undefined, community: Community, locale: Locale, now: DateTime): ListItem {
  const message = [plain(record.message.length > 80 ? `${record.message.slice(0, 79)}…` : record.message)];
  const head =
    record.cron !== undefined
      ? m.t(locale, 'listCron', { id: record.id, cron: record.cron, zone: zoneTime(community.timezone, locale), channel: record.channel, message })
      : m.t(locale, 'listOnce', { id: record.id, channel: record.channel, message });
  const details: Text[] = [];
  if (record.paused) details.push(record.paused.by === 'channel' ? m.t(locale, 'listPausedChannel', { channel: record.channel }) : m.t(locale, 'listPaused'));
  else {
    const after = Math.max(now.toMillis(), state?.watermark ?? 0);
    const next = runs(record, community, after);
    details.push(next.length > 0 ? m.t(locale, 'listNext', { runs: next }) : m.t(locale, 'listNone'));
  }
  details.push(...lastRun(state, record, locale));
  return { text: head, detail: joinText(details, ' · ') };
}

/**
 * The last run's outcome, and the runs a catch-up passed over to post it: missed records made
 * when that run was already due (at the restart that posted it), until a later run comes.
 */
function lastRun(state: ScheduleState | undefined, record: ScheduleRecord, locale: Locale): Text[] {
  const last = state?.last;
  if (!last) return [];
  const when = [time(instant(last.at))];
  const out: Text[] = [];
  if (last.result === 'posted') out.push(m.t(locale, 'lastPosted', { when }));
  else if (last.result === 'missed') out.push(last.count ? m.t(locale, 'lastMissedMany', { count: last.count, when }) : m.t(locale, 'lastMissed', { when }));
  else {
    const reason = last.reason === 'channel' ? m.t(locale, 'reasonChannel', { channel: record.channel }) : [plain(last.reason ?? '')];
    out.push(m.t(locale, 'lastFailed', { when, reason }));
  }
  const missed = state?.missed;
  if (missed && last.result !== 'missed' && missed.at < last.at && missed.recordedAt >= last.at) {
    const latest = [time(instant(missed.at))];
    out.push(missed.count ? m.t(locale, 'missedBeforeMany', { count: missed.count, when: latest }) : m.t(locale, 'missedBefore', { when: latest }));
  }
  return out;
}

/** The next 3 runs as time tokens (a preview; nothing is scheduled by computing it). */
function runs(record: ScheduleRecord, community: Community, after: number): Text {
  let instants: number[] = [];
  if (record.at !== undefined) instants = record.at > after ? [record.at] : [];
  else if (record.cron !== undefined) {
    const check = compileCron(record.cron);
    if (check.ok) instants = nextCronRuns(check.spec, community.timezone, after, 3);
  }
  return joinText(instants.map((at) => [time(instant(at))]), ', ');
}

/** Reminders as posted on the platform the command is typed on: its channel, paused there or not. */
function remindersLine(community: Community, platform: Platform, state: ScheduleState | undefined, locale: Locale): Text {
  const channel = channelsOn(community, platform).announcements;
  if (!community.reminders.enabled || !channel) return m.t(locale, 'remindersOff');
  if (state?.pausedChannel === targetLabel({ platform, channel })) return m.t(locale, 'remindersPausedLine', { channel });
  const what: string[] = [];
  if (community.reminders.before.length > 0) {
    what.push(m.s(locale, 'remindersBefore', { offsets: community.reminders.before.map((ms) => describeOffset(ms, locale)).join(', ') }));
  }
  if (community.reminders.doorsOpen) what.push(m.s(locale, 'remindersDoors'));
  if (community.reminders.feedback) what.push(m.s(locale, 'remindersFeedback'));
  return m.t(locale, 'remindersLine', { channel, what: [literal(what.join(', '))] });
}

import { channelsOn, type Community } from '../src/config/community.ts';
import { announceMessages as m } from '../src/announcements/messages.ts';
import { nextRuns, scheduleListReply } from '../src/announcements/present.ts';
import { instant } from '../src/announcements/compose.ts';
import { checkAt, checkChannel, checkCron, checkMessage, exampleAt } from '../src/announcements/validate.ts';
import { say, type Reply } from '../src/core/reply.ts';
import { time } from '../src/core/text.ts';
import type { SubcommandDefinition, OptionSpec } from '../src/core/command.ts';
import type { Services } from '../src/services.ts';
import type { Command, Ctx } from './types.ts';
import { examples } from './examples.ts';

/**
 * `/announce` (organisers): schedule a post once (`at:`) or on a cron schedule (`cron:`), in the
 * community's zone; `list` shows each with its next 3 runs and last result; `cancel`, `pause`,
 * `resume` take its number. The scheduler (src/announcements/scheduler.ts) does the posting.
 */
const ID: OptionSpec = {
  name: 'id',
  names: { fr: 'numéro' },
  type: 'string',
  positional: true,
  required: true,
  maxLength: 20,
  example: '3',
  description: m.both('idOption'),
};

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
  name: 'announce',
  names: { fr: 'annoncer' },
  description: m.both('commandDescription'),
  examples: examples.announce,
  organiserOnly: true,
  defaultSubcommand: 'create',
  subcommands: [
    {
      name: 'create',
      names: { fr: 'créer' },
      description: m.both('subCreate'),
      options: [
        { name: 'at', names: { fr: 'date' }, type: 'string', maxLength: 40, description: m.both('atOption') },
        { name: 'cron', names: { fr: 'cron' }, type: 'string', maxLength: 100, description: m.both('cronOption') },
        { name: 'message', names: { fr: 'message' }, type: 'string', description: m.both('messageOption') },
        {
          name: 'channel',
          names: { fr: 'salon' },
          type: 'string',
          maxLength: 100,
          description: m.both('channelOption'),
        },
      ],
      responds: 'ephemeral',
      run: (ctx, options) => create(ctx, options),
    },
    {
      name: 'list',
      names: { fr: 'liste' },
      description: m.both('subList'),
      options: [],
      responds: 'ephemeral',
      run: (ctx) => list(ctx),
    },
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
    return say(
      typeof options.message === 'string' ? m.t(locale, 'needWhen', { example }) : m.t(locale, 'usage', { example }),
    );
  }
  if (at !== undefined && cron !== undefined) return say(m.t(locale, 'atAndCron', { example }));
  if (typeof options.message !== 'string') return say(m.t(locale, 'needMessage', { example }));
  const message = checkMessage(options.message, locale, example);
  if (!message.ok) return say(message.problem);
  const channel = checkChannel(
    community,
    typeof options.channel === 'string' ? options.channel : undefined,
    locale,
    ctx.origin.platform,
  );
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
  if (record.at !== undefined)
    return say(
      m.t(locale, 'createdOnce', { id: record.id, channel: record.channel, when: [time(instant(record.at))] }),
      'ephemeral',
    );
  return say(
    m.t(locale, 'createdCron', {
      id: record.id,
      channel: record.channel,
      runs: nextRuns(record, community, now.toMillis()),
    }),
  );
}

async function change(ctx: Ctx, action: 'cancel' | 'pause' | 'resume', ref: string): Promise<Reply> {
  const { locale, community } = ctx;
  const repository = ctx.services.announcements;
  if (action === 'resume' && ref?.toLowerCase() === 'reminders') {
    await repository.resumeReminders(community.id);
    return say(
      m.t(locale, 'remindersResumed', { channel: channelsOn(community, ctx.origin.platform).announcements ?? '—' }),
    );
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
  const records = await repository.list(community.id);
  const states = await repository.states(records);
  const [reminders] = await repository.reminderStates([community.id]);
  return scheduleListReply({
    community,
    platform: ctx.origin.platform,
    records,
    states,
    reminders,
    locale,
    now: ctx.clock.now(),
  });
}

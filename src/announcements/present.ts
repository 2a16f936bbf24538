import type { DateTime } from 'luxon';
import { channelsOn, type Community } from '../config/community.ts';
import type { Locale } from '../core/i18n.ts';
import type { Platform } from '../core/invocation.ts';
import { reply, type Block, type ListItem, type Reply } from '../core/reply.ts';
import { joinText, literal, plain, time, truncate, type Text } from '../core/text.ts';
import { compileCron } from './cron.ts';
import { announceMessages as m } from './messages.ts';
import { targetLabel, type ScheduleRecord, type ScheduleState } from './model.ts';
import { nextCronRuns } from './occurrences.ts';
import { describeOffset, instant } from './compose.ts';
import { exampleAt } from './validate.ts';
import { zoneTime } from './zoneName.ts';

/** Each announcement's message is quoted by its start in the list. */
const MESSAGE_IN_LIST = 80;

/** What `/announce list` shows, as the command read it from the repository. */
export interface ScheduleList {
  community: Community;
  /** The platform it is typed on: reminders are described as posted there. */
  platform: Platform;
  records: readonly ScheduleRecord[];
  /** Each record's state, in the same order. */
  states: ReadonlyArray<ScheduleState | undefined>;
  reminders: ScheduleState | undefined;
  locale: Locale;
  now: DateTime;
}

/** `/announce list`: the reminders line, then each announcement with its next 3 runs and last result. */
export function scheduleListReply(list: ScheduleList): Reply {
  const { community, locale, now, records, states } = list;
  const blocks: Block[] = [{ type: 'heading', text: m.t(locale, 'listHeading', { community: community.name }) }];
  blocks.push({ type: 'text', text: remindersLine(community, list.platform, list.reminders, locale) });
  if (records.length === 0)
    blocks.push({ type: 'text', text: m.t(locale, 'listEmpty', { example: exampleAt(community, now) }) });
  else
    blocks.push({ type: 'list', items: records.map((record, i) => item(record, states[i], community, locale, now)) });
  return reply(blocks);
}

function item(
  record: ScheduleRecord,
  state: ScheduleState | undefined,
  community: Community,
  locale: Locale,
  now: DateTime,
): ListItem {
  const message = [plain(truncate(record.message, MESSAGE_IN_LIST))];
  const head =
    record.cron !== undefined
      ? m.t(locale, 'listCron', {
          id: record.id,
          cron: record.cron,
          zone: zoneTime(community.timezone, locale),
          channel: record.channel,
          message,
        })
      : m.t(locale, 'listOnce', { id: record.id, channel: record.channel, message });
  const details: Text[] = [];
  if (record.paused)
    details.push(
      record.paused.by === 'channel'
        ? m.t(locale, 'listPausedChannel', { channel: record.channel })
        : m.t(locale, 'listPaused'),
    );
  else {
    const after = Math.max(now.toMillis(), state?.watermark ?? 0);
    const next = nextRuns(record, community, after);
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
  else if (last.result === 'missed')
    out.push(
      last.count ? m.t(locale, 'lastMissedMany', { count: last.count, when }) : m.t(locale, 'lastMissed', { when }),
    );
  else {
    const reason =
      last.reason === 'channel'
        ? m.t(locale, 'reasonChannel', { channel: record.channel })
        : [plain(last.reason ?? '')];
    out.push(m.t(locale, 'lastFailed', { when, reason }));
  }
  const missed = state?.missed;
  if (missed && last.result !== 'missed' && missed.at < last.at && missed.recordedAt >= last.at) {
    const latest = [time(instant(missed.at))];
    out.push(
      missed.count
        ? m.t(locale, 'missedBeforeMany', { count: missed.count, when: latest })
        : m.t(locale, 'missedBefore', { when: latest }),
    );
  }
  return out;
}

/** The next 3 runs as time tokens (a preview; nothing is scheduled by computing it). */
export function nextRuns(record: ScheduleRecord, community: Community, after: number): Text {
  let instants: number[] = [];
  if (record.at !== undefined) instants = record.at > after ? [record.at] : [];
  else if (record.cron !== undefined) {
    const check = compileCron(record.cron);
    if (check.ok) instants = nextCronRuns(check.spec, community.timezone, after, 3);
  }
  return joinText(
    instants.map((at) => [time(instant(at))]),
    ', ',
  );
}

/** Reminders as posted on the platform the command is typed on: its channel, paused there or not. */
function remindersLine(
  community: Community,
  platform: Platform,
  state: ScheduleState | undefined,
  locale: Locale,
): Text {
  const channel = channelsOn(community, platform).announcements;
  if (!community.reminders.enabled || !channel) return m.t(locale, 'remindersOff');
  if (state?.pausedChannel === targetLabel({ platform, channel }))
    return m.t(locale, 'remindersPausedLine', { channel });
  const what: string[] = [];
  if (community.reminders.before.length > 0) {
    what.push(
      m.s(locale, 'remindersBefore', {
        offsets: community.reminders.before.map((ms) => describeOffset(ms, locale)).join(', '),
      }),
    );
  }
  if (community.reminders.doorsOpen) what.push(m.s(locale, 'remindersDoors'));
  if (community.reminders.feedback) what.push(m.s(locale, 'remindersFeedback'));
  return m.t(locale, 'remindersLine', { channel, what: [literal(what.join(', '))] });
}

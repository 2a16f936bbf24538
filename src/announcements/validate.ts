import { DateTime } from 'luxon';
import { channelsOn, type Community } from '../config/community.ts';
import type { Platform } from '../core/invocation.ts';
import type { Locale } from '../core/i18n.ts';
import { literal, time, type Text } from '../core/text.ts';
import { compileCron, type CronSpec } from './cron.ts';
import { announceMessages as m } from './messages.ts';
import { announcementsSetting } from './targets.ts';
import { REPLY_LIMITS } from '../core/reply.ts';
import type { ScheduleRecord } from './model.ts';
import { nextCronRun, parseWhen } from './occurrences.ts';
import { PLACEHOLDERS, unknownPlaceholders } from './compose.ts';
import { zoneTime } from './zoneName.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Text };

const fail = (problem: Text): { ok: false; problem: Text } => ({ ok: false, problem });

/** A working `at:` example: tomorrow at 18:00 in the community's zone. */
export function exampleAt(community: Community, now: DateTime): string {
  return now
    .setZone(community.timezone)
    .plus({ days: 1 })
    .set({ hour: 18, minute: 0, second: 0, millisecond: 0 })
    .toFormat('yyyy-MM-dd HH:mm');
}

/**
 * Channels `/announce channel:` may name on a platform: the community's configured ones there,
 * plus `schedule.channels`.
 */
export function knownChannels(community: Community, platform: Platform): string[] {
  const channels = channelsOn(community, platform);
  const named = [channels.announcements, channels.organisers, ...community.schedule.channels];
  return [...new Set(named.filter((c): c is string => Boolean(c)))];
}

/** Where a new announcement goes, as its record says it. */
export type AnnounceTarget = Pick<ScheduleRecord, 'channel' | 'platform' | 'everywhere'>;

/**
 * A channel named with `/announce channel:` is one of the platform it is typed on. With none, the
 * announcement goes to the announcements channel of every platform the community is on, like
 * reminders; the one of the platform it is typed on is shown.
 */
export function checkChannel(
  community: Community,
  requested: string | undefined,
  locale: Locale,
  platform: Platform,
): Checked<AnnounceTarget> {
  const known = knownChannels(community, platform);
  const named = requested?.replace(/^#/, '').trim();
  const channel = named || channelsOn(community, platform).announcements;
  if (!channel) return fail(m.t(locale, 'noChannel', { setting: announcementsSetting(platform) }));
  if (!known.includes(channel)) {
    return fail(
      m.t(locale, 'unknownChannel', {
        channel,
        known: [literal(known.map((c) => `#${c}`).join(', ') || '—')],
        example: known[0] ?? 'annonces',
      }),
    );
  }
  return { ok: true, value: { channel, platform, ...(named ? {} : { everywhere: true }) } };
}

export function checkMessage(message: string, locale: Locale, example: string): Checked<string> {
  const text = message.trim();
  if (text === '') return fail(m.t(locale, 'emptyMessage', { example }));
  const length = [...text].length;
  if (length > REPLY_LIMITS.messageText) return fail(m.t(locale, 'tooLong', { length, max: REPLY_LIMITS.messageText }));
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    return fail(
      m.t(locale, 'unknownPlaceholder', {
        name: `{${unknown[0]}}`,
        known: [literal(PLACEHOLDERS.map((p) => `{${p}}`).join(', '))],
      }),
    );
  }
  return { ok: true, value: text };
}

export function checkAt(value: string, community: Community, now: DateTime, locale: Locale): Checked<number> {
  const example = exampleAt(community, now);
  const at = parseWhen(value, community.timezone);
  if (at === undefined)
    return fail(m.t(locale, 'badAt', { value, zone: zoneTime(community.timezone, locale), example }));
  if (at <= now.toMillis())
    return fail(m.t(locale, 'pastAt', { when: [time(DateTime.fromMillis(at, { zone: 'utc' }))], example }));
  return { ok: true, value: at };
}

/** node-cron's `validateDetailed` names the faulty field; the reply says it in the reader's language. */
export function checkCron(value: string, community: Community, now: DateTime, locale: Locale): Checked<CronSpec> {
  const check = compileCron(value);
  if (!check.ok) {
    const error = check.errors[0];
    let problem: Text;
    if (!error || error.field === 'expression') {
      problem = m.t(locale, error?.message.includes('illegal') ? 'cronChars' : 'cronShape');
    } else if (error.message.includes('impossible')) {
      problem = m.t(locale, 'cronImpossible');
    } else {
      const field = m.s(locale, `field_${error.field}` as 'field_minute');
      problem = m.t(locale, 'cronField', { field, value: error.value ?? '' });
    }
    return fail(m.t(locale, 'badCron', { value, problem, zone: zoneTime(community.timezone, locale) }));
  }
  if (nextCronRun(check.spec, community.timezone, now.toMillis()) === undefined)
    return fail(m.t(locale, 'cronNever', { value }));
  return { ok: true, value: check.spec };
}

/**
 * `/announce` on a community present on several platforms speaks of the platform it is typed on:
 * its announcements channel, its reminders paused there or not, its section of the community file.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { announce } from '../../commands/announce.ts';
import type { Ctx } from '../../commands/types.ts';
import { AnnouncementRepository } from '../../src/announcements/repository.ts';
import { checkChannel } from '../../src/announcements/validate.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { Platform } from '../../src/core/invocation.ts';
import type { Services } from '../../src/services.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { outcomeWords, textWords } from '../support/words.ts';
import { community } from './support.ts';

const NOW = DateTime.fromISO('2026-03-28T12:00:00Z');
const ZONE = 'Europe/Paris';
const everywhere = community({
  channels: { announcements: 'console-annonces' },
  discord: { guildId: '1', channels: { announcements: 'annonces', organisers: 'orga' }, organisers: ['d1'] },
  slack: { teamId: 'T1', channels: { announcements: 'general', organisers: 'staff' }, organisers: ['U1'] },
});

function typedOn(platform: Platform, repository: AnnouncementRepository): Ctx {
  return {
    origin: {
      communityId: everywhere.id,
      platform,
      channelId: 'c',
      member: { id: 'd1', displayName: 'd1', roles: [] },
    },
    community: everywhere,
    locale: 'en',
    isOrganiser: true,
    clock: fixedClock(NOW),
    services: { announcements: repository } as unknown as Services,
  };
}

async function say(
  subcommand: string,
  platform: Platform,
  repository: AnnouncementRepository,
  options: Record<string, string> = {},
): Promise<string> {
  const runnable = announce.subcommands!.find((sub) => sub.name === subcommand)!;
  return outcomeWords(await runnable.run(typedOn(platform, repository), options), ZONE);
}

describe('/announce on the platform it is typed on', () => {
  it('lists reminders with that platform’s announcements channel, paused only where it is', async () => {
    const repository = new AnnouncementRepository(memoryStore());
    expect(await say('list', 'discord', repository)).toContain('Meetup reminders → #annonces');
    expect(await say('list', 'slack', repository)).toContain('Meetup reminders → #general');
    expect(await say('list', 'console', repository)).toContain('Meetup reminders → #console-annonces');
    await repository.saveReminderState(everywhere.id, { watermark: 0, pausedChannel: 'slack:general' });
    expect(await say('list', 'slack', repository)).toContain('Meetup reminders are paused: channel #general not found');
    expect(await say('list', 'discord', repository)).toContain('Meetup reminders → #annonces');
  });

  it('resumes reminders naming that platform’s channel', async () => {
    const repository = new AnnouncementRepository(memoryStore());
    expect(await say('resume', 'slack', repository, { id: 'reminders' })).toBe(
      'Reminders will be posted again in #general.',
    );
    expect(await say('resume', 'discord', repository, { id: 'reminders' })).toBe(
      'Reminders will be posted again in #annonces.',
    );
  });

  it('with no channel to post in, names the setting of that platform’s section', () => {
    const none = community({
      channels: {},
      discord: { guildId: '1', channels: {}, organisers: ['d1'] },
      slack: { teamId: 'T1', channels: {}, organisers: ['U1'] },
    });
    const problem = (platform: Platform) => {
      const checked = checkChannel(none, undefined, 'en', platform);
      return checked.ok ? 'no problem' : textWords(checked.problem, ZONE);
    };
    expect(problem('discord')).toContain('set discord.channels.announcements in the community file');
    expect(problem('slack')).toContain('set slack.channels.announcements in the community file');
    expect(problem('console')).toContain('set channels.announcements in the community file');
  });
});

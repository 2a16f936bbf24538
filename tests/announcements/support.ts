import { DateTime } from 'luxon';
import { Agenda } from '../../src/agenda/agenda.ts';
import type { MeetupEvent } from '../../src/agenda/event.ts';
import { AnnouncementRepository } from '../../src/announcements/repository.ts';
import { Scheduler, type SchedulerOptions } from '../../src/announcements/scheduler.ts';
import type { Community } from '../../src/config/community.ts';
import { communitySchema } from '../../src/config/communitySchema.ts';
import { systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { UnknownChannelError, type Poster } from '../../src/core/poster.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Store } from '../../src/store/store.ts';
import { outcomeWords } from '../support/words.ts';

export function community(settings: Record<string, unknown> = {}, id = 'paris'): Community {
  const parsed = communitySchema.parse({
    name: 'SRE Paris',
    timezone: 'Europe/Paris',
    locale: 'en',
    channels: { announcements: 'annonces', organisers: 'orga' },
    ...settings,
  });
  return { ...parsed, id, eventsDir: '/nonexistent', source: `${id}.yaml` };
}

export function meetup(id: string, startIso: string, hours = 3, zone = 'Europe/Paris'): MeetupEvent {
  const start = DateTime.fromISO(startIso, { zone }).toUTC();
  return {
    id,
    title: `Meetup ${id}`,
    start,
    end: start.plus({ hours }),
    timezone: zone,
    slots: [],
    warnings: [],
    source: `${id}.md`,
  };
}

export interface Posted {
  channel: string;
  key?: string;
  at: number;
  text: string;
  kind: 'post' | 'dm';
}

/** A Poster that records posts with the (fake) time they happened, and can be told to fail. */
export function testPoster(zone = 'Europe/Paris') {
  const posted: Posted[] = [];
  let failures: Array<Error | undefined> = [];
  const gone = new Set<string>();
  const render = (reply: Reply) => outcomeWords(reply, zone);
  const poster: Poster & {
    posted: Posted[];
    failNext(...errors: Error[]): void;
    deleteChannel(name: string): void;
    restoreChannel(name: string): void;
  } = {
    posted,
    failNext: (...errors) => (failures = errors),
    deleteChannel: (name) => void gone.add(name),
    restoreChannel: (name) => void gone.delete(name),
    async post(target, reply, options) {
      if (gone.has(target.channel)) throw new UnknownChannelError(target.channel);
      const failure = failures.shift();
      if (failure) throw failure;
      posted.push({
        kind: 'post',
        channel: target.channel,
        key: options?.idempotencyKey,
        at: Date.now(),
        text: render(reply),
      });
    },
    async dm(target, reply, options) {
      posted.push({
        kind: 'dm',
        channel: target.memberId,
        key: options?.idempotencyKey,
        at: Date.now(),
        text: render(reply),
      });
    },
  };
  return poster;
}

export interface World {
  communities: Map<string, Community>;
  agendas: Map<string, Agenda>;
}

export function world(list: Array<{ community: Community; events?: MeetupEvent[] }>): World {
  return {
    communities: new Map(list.map((c) => [c.community.id, c.community])),
    agendas: new Map(list.map((c) => [c.community.id, new Agenda(c.events ?? [])])),
  };
}

/** A scheduler as one bot process would run it; `repository` is that process's own. */
export function botProcess(store: Store, w: World, poster: Poster, extra: Partial<SchedulerOptions> = {}) {
  const repository = new AnnouncementRepository(store);
  const scheduler = new Scheduler({
    store,
    repository,
    poster,
    communities: w.communities,
    agenda: (id) => w.agendas.get(id) ?? new Agenda([]),
    lightning: { accepted: async () => [] },
    clock: systemClock,
    logger: silentLogger,
    pollMs: 1_000,
    ...extra,
  });
  return { repository, scheduler };
}

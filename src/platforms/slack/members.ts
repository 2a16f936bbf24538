/**
 * What Slack does not put in a payload: a member's language (`users.info` with `include_locale`)
 * and their organiser user groups (`usergroups.users.list`). Both are cached, and looked up with a
 * deadline: an answer is never held past Slack's 3 s for them; the community's language and "not
 * an organiser by group" stand in until the lookup succeeds.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/logger.ts';

export interface MemberLookupOptions {
  /** How long a member's locale is kept (default an hour). */
  localeTtlMs?: number;
  /** How long a user group's members are kept (default a minute: a new organiser waits that long). */
  groupTtlMs?: number;
  /** The longest wait for a lookup before going on without it (default 1 s). */
  deadlineMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  until: number;
}

export class MemberLookup {
  private readonly locales = new Map<string, Cached<string | undefined>>();
  private readonly groups = new Map<string, Cached<ReadonlySet<string>>>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly options: MemberLookupOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The member's Slack locale (`fr-FR`), or undefined when unknown or slow to come. */
  async locale(userId: string): Promise<string | undefined> {
    const hit = this.locales.get(userId);
    if (hit && hit.until > this.now()) return hit.value;
    const ttl = this.options.localeTtlMs ?? 3_600_000;
    return this.bounded(`u:${userId}`, this.locales, userId, ttl, hit?.value, async () => {
      const answer = await this.client.users.info({ user: userId, include_locale: true });
      return answer.user?.locale;
    });
  }

  /**
   * The member's locale and which of `groups` they belong to, when every answer is cached and
   * fresh: then no promise and no deadline timer are made, as for nearly every request.
   */
  known(userId: string, groups: readonly string[]): { locale: string | undefined; groups: string[] } | undefined {
    const now = this.now();
    const locale = this.locales.get(userId);
    if (!locale || locale.until <= now) return undefined;
    const held: string[] = [];
    for (const group of groups) {
      const members = this.groups.get(group);
      if (!members || members.until <= now) return undefined;
      if (members.value.has(userId)) held.push(group);
    }
    return { locale: locale.value, groups: held };
  }

  /** Which of `groups` (user group ids) the member belongs to. */
  async groupsOf(userId: string, groups: readonly string[]): Promise<string[]> {
    const members = await Promise.all(groups.map((group) => this.members(group)));
    return groups.filter((_, index) => members[index]?.has(userId));
  }

  private async members(group: string): Promise<ReadonlySet<string>> {
    const hit = this.groups.get(group);
    if (hit && hit.until > this.now()) return hit.value;
    const ttl = this.options.groupTtlMs ?? 60_000;
    return this.bounded(`g:${group}`, this.groups, group, ttl, hit?.value ?? new Set<string>(), async () => {
      const answer = await this.client.usergroups.users.list({ usergroup: group });
      return new Set(answer.users ?? []);
    });
  }

  /**
   * One lookup per key at a time, its answer kept `ttl` ms. A failure keeps the stale or default
   * value as long (a mistyped group id must not cost a Web API call per command: Slack allows
   * about 20 a minute). Past the deadline, that value stands in while the lookup goes on.
   */
  private async bounded<T>(
    key: string,
    cache: Map<string, Cached<T>>,
    id: string,
    ttl: number,
    otherwise: T,
    lookup: () => Promise<T>,
  ): Promise<T> {
    let running = this.pending.get(key) as Promise<T> | undefined;
    if (!running) {
      running = lookup()
        .catch((error: unknown) => {
          this.logger.warn({ err: error, lookup: key }, 'a Slack member lookup failed');
          return otherwise;
        })
        .then((value) => {
          cache.set(id, { value, until: this.now() + ttl });
          return value;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<T>(
      (resolve) => (timer = setTimeout(() => resolve(otherwise), this.options.deadlineMs ?? 1_000)),
    );
    try {
      return await Promise.race([running, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

import { randomBytes } from 'node:crypto';

/** How long Slack honours a trigger_id after the interaction that issued it. */
export const TRIGGER_LIFETIME_MS = 3_000;

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  /** The client language Slack reports with `include_locale` (e.g. `fr-FR`). */
  locale: string;
  tz: string;
  is_bot: boolean;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown;
  thread_ts: string | undefined;
  /** Message metadata posted with it (`event_type`, `event_payload`). */
  metadata?: unknown;
}

export interface FakeView {
  id: string;
  type: string;
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title: unknown;
  submit: unknown;
  close: unknown;
  blocks: unknown[];
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** What the fake saw open it: the trigger for a root view, the parent for a pushed one. */
  opened_by: 'views.open' | 'views.push';
}

export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  title: string | undefined;
  data: Buffer | undefined;
  channel: string | undefined;
  initial_comment: string | undefined;
  completed: boolean;
}

/** The workspace the fake pretends to be: its people, groups, messages, modals, triggers and files. */
export class Workspace {
  readonly teamId = 'T0FAKE';
  readonly teamDomain = 'fake-meetup';
  readonly appId = 'A0FAKE';
  readonly botUserId = 'U0BOT';
  readonly botId = 'B0BOT';
  readonly users = new Map<string, FakeUser>();
  readonly usergroups = new Map<string, string[]>();
  readonly messages: PostedMessage[] = [];
  readonly views = new Map<string, FakeView>();
  readonly files = new Map<string, FakeFile>();
  private readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private readonly dms = new Map<string, string>();
  private counter = 0;
  private lastTsMicros = 0;

  constructor(readonly now: () => number) {
    this.addUser({ id: 'U0MEMBER', name: 'member', locale: 'en-US' });
    this.addUser({ id: 'U0BOT', name: 'emcee', is_bot: true });
  }

  addUser(user: Partial<FakeUser> & { id: string }): FakeUser {
    const full: FakeUser = {
      name: user.id.toLowerCase(),
      real_name: user.name ?? user.id,
      locale: 'en-US',
      tz: 'Europe/Paris',
      is_bot: false,
      ...user,
    };
    this.users.set(full.id, full);
    return full;
  }

  /** An id in Slack's shape: a type letter then upper-case alphanumerics (`C…`, `D…`, `V…`, `F…`). */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}0${this.counter.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** A message timestamp: seconds and microseconds, strictly increasing, as Slack's `ts` ids are. */
  nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, this.now() * 1000);
    const seconds = Math.floor(this.lastTsMicros / 1e6);
    const micros = String(this.lastTsMicros % 1e6).padStart(6, '0');
    return `${seconds}.${micros}`;
  }

  /** A trigger id, as Slack issues one with each slash command, shortcut or interaction. */
  issueTrigger(): string {
    this.counter += 1;
    const id = `${this.counter}.${this.now()}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false });
    return id;
  }

  /** Spends a trigger id; answers the error code Slack gives when it cannot be used. */
  useTrigger(id: string | undefined): string | undefined {
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (!trigger) return 'invalid_trigger_id';
    if (this.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return 'expired_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    trigger.used = true;
    return undefined;
  }

  /** The one DM channel per member, as conversations.open answers with the same id each time. */
  dmWith(userId: string): string {
    let channel = this.dms.get(userId);
    if (!channel) {
      channel = this.nextId('D');
      this.dms.set(userId, channel);
    }
    return channel;
  }

  /** The last modal opened, pushed or updated: what a view submission is usually about. */
  lastView(): FakeView | undefined {
    return [...this.views.values()].at(-1);
  }
}

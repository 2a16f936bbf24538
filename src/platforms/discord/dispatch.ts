/**
 * Every call the Discord adapter makes into the core, in one place: when the core's API changes,
 * only this module follows it.
 */
import type { Agenda } from '../../agenda/agenda.ts';
import type { Community } from '../../config/community.ts';
import type { Bot } from '../../core/bot.ts';
import type { ButtonResponse, CommandDefinition, FirstResponse, Outcome } from '../../core/command.ts';
import type { Form, FormSubmission } from '../../core/form.ts';
import { formAsReply } from '../../core/formReply.ts';
import { toLocale, type Locale } from '../../core/i18n.ts';
import type { Invocation, OptionValue, Origin } from '../../core/invocation.ts';
import { coreMessages } from '../../core/messages.ts';
import { communitiesByPlatformId, originOf } from '../../core/origin.ts';
import { say, type Reply } from '../../core/reply.ts';
import type { Store } from '../../store/store.ts';

/** What the core needs to know of who acted where, read from an interaction. */
export interface Actor {
  guildId: string;
  channelId: string;
  userId: string;
  displayName: string;
  /** Discord's client locale (`fr`, `en-GB`…). */
  locale: string | undefined;
  /** Role ids and names: the config may name either. */
  roles: string[];
  /** Holds Manage Events here, which makes an organiser as a configured role does. */
  organiser: boolean;
}

/** A slash command as typed: its name, subcommand and typed options. */
export interface Typed {
  name: string;
  subcommand?: string;
  options: Record<string, OptionValue>;
}

export interface Core {
  readonly definitions: readonly CommandDefinition<unknown>[];
  readonly store: Store;
  communityOfGuild(guildId: string | null): Community | undefined;
  /** The reader's language: their client's, else the community's. */
  localeOf(actor: Actor, community: Community | undefined): Locale;
  /** What a command answers first (a form, or a reply of a visibility), known before it runs. */
  plan(community: Community, actor: Actor, typed: Typed): FirstResponse;
  planAct(command: string, action: string): ButtonResponse;
  command(community: Community, actor: Actor, typed: Typed): Promise<Outcome>;
  /** A modal cannot answer a modal: a form that comes back is a reply with a button that reopens it. */
  submit(community: Community, actor: Actor, submission: FormSubmission): Promise<Outcome>;
  act(community: Community, actor: Actor, command: string, action: { action: string; value: string }): Promise<Outcome>;
  /** A form that can no longer be a modal (after a deferral), as a reply whose button opens it. */
  formLater(form: Form, locale: Locale): Reply;
  stashForm(form: Form): Promise<string>;
  /** The stashed form behind an `open` button, or a reply saying it expired. */
  openForm(community: Community, actor: Actor, key: string): Promise<Outcome>;
  /** What to say when the adapter itself failed: the core's "something went wrong, try again". */
  failed(locale: Locale): Reply;
  /** Slow work a reply asked for (DMs, posts), once it was delivered. */
  runEffects(outcome: Outcome): Promise<void>;
  agenda(community: Community): Agenda;
}

interface CoreServices {
  agenda(communityId: string): Agenda;
  store: Store;
}

export function coreOf(bot: Bot<CoreServices, Community>): Core {
  const byGuild = communitiesByPlatformId(bot.communities.values(), (community) => community.discord?.guildId);
  const origin = (community: Community, actor: Actor): Origin => originOf(community.id, 'discord', actor);
  // `plan` then `command` for the same slash command get the same Invocation, which the bot resolves
  // once. They run back to back, so the last one made is kept: a WeakMap entry per interaction cost
  // more than building the Invocation again (it was the dispatch's hottest line in a CPU profile).
  let last: { typed: Typed; community: Community; actor: Actor; invocation: Invocation } | undefined;
  const invocation = (community: Community, actor: Actor, typed: Typed): Invocation => {
    if (last?.typed === typed && last.community === community && last.actor === actor) return last.invocation;
    const made: Invocation = {
      ...origin(community, actor),
      command: typed.name,
      ...(typed.subcommand ? { subcommand: typed.subcommand } : {}),
      input: { kind: 'typed', options: typed.options },
    };
    last = { typed, community, actor, invocation: made };
    return made;
  };
  return {
    definitions: bot.commands,
    store: bot.services.store,
    communityOfGuild: (guildId) => (guildId ? byGuild.get(guildId) : undefined),
    localeOf: (actor, community) => toLocale(actor.locale) ?? community?.locale ?? 'en',
    plan: (community, actor, typed) => bot.plan(invocation(community, actor, typed)),
    planAct: (command, action) => bot.planAct(command, action),
    command: (community, actor, typed) => bot.handle(invocation(community, actor, typed)),
    submit: (community, actor, submission) => bot.submit(origin(community, actor), submission, { formAllowed: false }),
    act: (community, actor, command, action) => bot.act(origin(community, actor), command, action),
    formLater: (form, locale) => formAsReply(form, locale),
    stashForm: (form) => bot.stashForm(form),
    openForm: (community, actor, key) => bot.openForm(origin(community, actor), key),
    failed: (locale) => say(coreMessages.t(locale, 'internalError')),
    runEffects: (outcome) => bot.runEffects(outcome),
    agenda: (community) => bot.services.agenda(community.id),
  };
}

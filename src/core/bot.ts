import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { ButtonResponse, CommandContext, CommandDefinition, FirstResponse, Outcome } from './command.ts';
import { firstResponseOf } from './command.ts';
import type { CommunityInfo } from './community.ts';
import { runEffects } from './effects.ts';
import type { Form, FormSubmission } from './form.ts';
import { formAsReply, type FormStash } from './formReply.ts';
import type { Locale } from './i18n.ts';
import type { Invocation, Member, Origin, Platform } from './invocation.ts';
import type { Logger } from './logger.ts';
import { coreMessages as m } from './messages.ts';
import { describeProblem } from './optionProblems.ts';
import type { Poster } from './poster.ts';
import { nameAsTyped, resolve, type Resolved } from './resolve.ts';
import { literal, type Text } from './text.ts';
import { excerpt, reply, say, type Reply } from './reply.ts';
import { UnavailableError } from './unavailable.ts';
import { UserError } from './userError.ts';

/** How an adapter asks: may the answer be a form (a modal as the first response)? Yes unless it said no. */
export interface AnswerOptions {
  /** False after a deferral or a modal submit: a Form outcome then becomes a Reply whose button reopens it. */
  formAllowed?: boolean;
}

export interface BotDeps<S, C extends CommunityInfo = CommunityInfo> {
  commands: readonly CommandDefinition<S, C>[];
  communities: ReadonlyMap<string, C>;
  /** Who organises a community on a platform (an OrganiserRule, src/core/community.ts). */
  isOrganiser(community: C, member: Member, platform: Platform): boolean;
  services: S;
  clock: Clock;
  logger: Logger;
  /** How effects are delivered after a reply (DMs, channel posts). */
  poster?: Poster;
  /** Where forms behind "open the form" buttons wait. */
  formStash?: FormStash;
  /** Told how each command, submission and press ended and how long it took (metrics). */
  observer?: CommandObserver;
}

/** How a command ended: its answer, a problem the member can fix, the store away, or a bug. */
export type CommandOutcome = 'ok' | 'user_error' | 'store_unavailable' | 'error';

export interface CommandObserver {
  done(event: { command: string; platform: string; outcome: CommandOutcome; seconds: number }): void;
}

/**
 * The platform-neutral core: routes an Invocation to its command and returns the command's Reply
 * or Form. It decides locale and permissions and turns every failure into a reply.
 */
export class Bot<S, C extends CommunityInfo = CommunityInfo> {
  private readonly byName: Map<string, CommandDefinition<S, C>>;
  /**
   * What `plan` last read, for `handle` of the same invocation: an adapter plans, then handles at
   * once. One slot rather than a WeakMap entry per invocation, which cost more than resolving again;
   * an invocation planned before another is simply resolved again.
   */
  private planned: { invocation: Invocation; resolved: Resolved<S, C> } | undefined;

  constructor(private readonly deps: BotDeps<S, C>) {
    this.byName = new Map(deps.commands.map((command) => [command.name, command]));
  }

  get commands(): readonly CommandDefinition<S, C>[] {
    return this.deps.commands;
  }

  get communities(): ReadonlyMap<string, C> {
    return this.deps.communities;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  get services(): S {
    return this.deps.services;
  }

  /**
   * What the first response to this invocation will be, known before running it: 'form' (show a
   * modal at once) or the visibility of the reply (to defer with). Cheap: no store, no I/O.
   */
  plan(invocation: Invocation): FirstResponse {
    const command = this.byName.get(invocation.command);
    if (!command || !this.allowed(command, invocation)) return 'ephemeral';
    const resolved = resolve(command, invocation);
    this.planned = { invocation, resolved };
    if (!resolved.ok || (resolved.subcommand?.organiserOnly && !this.isOrganiser(invocation))) return 'ephemeral';
    return firstResponseOf(resolved.runnable, resolved.options);
  }

  /** How a button of `commandName` answers, before it runs: a form, a reply of that visibility, or a replacement of its message. */
  planAct(commandName: string, action: string): ButtonResponse {
    return this.byName.get(commandName)?.actResponds?.(action) ?? 'ephemeral';
  }

  async handle(invocation: Invocation, answer: AnswerOptions = {}): Promise<Outcome> {
    const ctx = this.context(invocation);
    const command = this.byName.get(invocation.command);
    if (!command) return say(m.t(ctx.locale, 'unknownCommand', { name: invocation.command }));
    if (!this.allowed(command, invocation)) return this.organisersOnly(ctx, command.name);
    const resolved = this.planned?.invocation === invocation ? this.planned.resolved : resolve(command, invocation);
    if (!resolved.ok) return this.problem(command, resolved, ctx.locale, invocation);
    const name = resolved.subcommand ? `${command.name} ${resolved.subcommand.name}` : command.name;
    if (resolved.subcommand?.organiserOnly && !ctx.isOrganiser) return this.organisersOnly(ctx, name);
    const outcome = await this.guard(ctx, command, name, () => resolved.runnable.run(ctx, resolved.options));
    return this.shown(outcome, ctx.locale, answer);
  }

  async submit(origin: Origin, submission: FormSubmission, answer: AnswerOptions = {}): Promise<Outcome> {
    const ctx = this.context(origin);
    const command = this.byName.get(submission.formId.split(':')[0] ?? '');
    if (!command?.submit) return say(m.t(ctx.locale, 'unknownCommand', { name: submission.formId }));
    // A submission or a press may be crafted: it is held to the same rule as the command.
    if (!this.allowed(command, origin)) return this.organisersOnly(ctx, command.name);
    return this.shown(
      await this.guard(ctx, command, command.name, () => command.submit!(ctx, submission)),
      ctx.locale,
      answer,
    );
  }

  async act(
    origin: Origin,
    commandName: string,
    action: { action: string; value: string },
    answer: AnswerOptions = {},
  ): Promise<Outcome> {
    const ctx = this.context(origin);
    const command = this.byName.get(commandName);
    if (!command?.act) return say(m.t(ctx.locale, 'unknownCommand', { name: commandName }));
    if (!this.allowed(command, origin)) return this.organisersOnly(ctx, command.name);
    return this.shown(
      await this.guard(ctx, command, command.name, () => command.act!(ctx, action)),
      ctx.locale,
      answer,
    );
  }

  /** Keeps a form behind a short key, for a button that opens it (route `open`). */
  async stashForm(form: Form): Promise<string> {
    if (!this.deps.formStash) throw new Error('no form stash: give the Bot one to render buttons that open forms');
    return this.deps.formStash.put(form);
  }

  /** The form a pressed `open` button stands for, or a reply saying it expired. */
  async openForm(origin: Origin, key: string): Promise<Outcome> {
    const ctx = this.context(origin);
    const form = await this.deps.formStash?.take(key);
    return form ?? say(m.t(ctx.locale, 'formExpired'));
  }

  /** Runs a reply's effects once the adapter delivered it; failures are logged and handed to their fallback. */
  async runEffects(outcome: Outcome): Promise<void> {
    if (outcome.kind !== 'reply' || !outcome.effects?.length) return;
    if (!this.deps.poster) throw new Error('no poster: give the Bot one to run effects');
    await runEffects(outcome.effects, this.deps.poster, this.deps.logger);
  }

  private shown(outcome: Outcome, locale: Locale, answer: AnswerOptions): Outcome {
    return outcome.kind === 'form' && answer.formAllowed === false ? formAsReply(outcome, locale) : outcome;
  }

  private allowed(command: CommandDefinition<S, C>, origin: Origin): boolean {
    return !command.organiserOnly || this.isOrganiser(origin);
  }

  private isOrganiser(origin: Origin): boolean {
    return this.deps.isOrganiser(this.community(origin.communityId), origin.member, origin.platform);
  }

  private organisersOnly(ctx: CommandContext<S, C>, name: string): Reply {
    return say(m.t(ctx.locale, 'organisersOnly', { name, community: ctx.community.name }));
  }

  private problem(
    command: CommandDefinition<S, C>,
    resolved: Extract<Resolved<S, C>, { ok: false }>,
    locale: Locale,
    invocation: Invocation,
  ): Reply {
    const typed = typedText(invocation);
    const problem = resolved.problem;
    if (problem.kind === 'unknown-subcommand') {
      const known = [literal((command.subcommands ?? []).map((sub) => sub.name).join(', '))];
      return describeUnknownSubcommand(
        m.t(locale, 'unknownSubcommand', { name: problem.name, command: command.name, known }),
        typed,
        locale,
      );
    }
    const usage = { name: nameAsTyped(command, invocation), options: resolved.runnable?.options ?? [] };
    return describeProblem(problem, usage, locale, typed);
  }

  private context(origin: Origin): CommandContext<S, C> {
    const community = this.community(origin.communityId);
    return {
      origin: {
        communityId: origin.communityId,
        platform: origin.platform,
        channelId: origin.channelId,
        member: origin.member,
      },
      community,
      // The community's language by default; the member's own client locale wins.
      locale: origin.member.locale ?? community.locale,
      isOrganiser: this.deps.isOrganiser(community, origin.member, origin.platform),
      clock: this.deps.clock,
      services: this.deps.services,
    };
  }

  private community(id: string): C {
    const community = this.deps.communities.get(id);
    if (!community)
      throw new Error(`unknown community ${id}: the adapter must map platform ids to a configured community`);
    return community;
  }

  /** Runs a command's work, turning every failure into a reply; the one place commands are timed and counted. */
  private async guard(
    ctx: CommandContext<S, C>,
    command: CommandDefinition<S, C>,
    name: string,
    run: () => Promise<Outcome> | Outcome,
  ): Promise<Outcome> {
    const started = performance.now();
    const logger = this.deps.logger;
    // One id per interaction, in every log record about it, so its lines can be found together:
    // made with the first record, so that a command nobody logs (debug off, no failure) builds none.
    let fields: { interaction: string; command: string; platform: string; community: string } | undefined;
    const log = () =>
      (fields ??= {
        interaction: randomUUID().slice(0, 8),
        command: name,
        platform: ctx.origin.platform,
        community: ctx.community.id,
      });
    let outcome: CommandOutcome = 'ok';
    try {
      return await run();
    } catch (error) {
      if (error instanceof UserError) {
        outcome = 'user_error';
        return error.form ?? say(error.textIn(ctx.locale));
      }
      const refusal = command.explain?.(ctx, error);
      if (refusal) {
        outcome = 'user_error';
        return say(refusal);
      }
      if (error instanceof UnavailableError) {
        outcome = 'store_unavailable';
        // The store logs the outage once when it starts and once when it ends, not per command.
        if (logger.isLevelEnabled('debug')) logger.debug({ err: error, ...log() }, 'command failed: store unavailable');
        return say(m.t(ctx.locale, 'storeUnavailable'));
      }
      outcome = 'error';
      logger.error({ err: error, ...log() }, 'command failed');
      return say(m.t(ctx.locale, 'internalError'));
    } finally {
      const seconds = (performance.now() - started) / 1000;
      if (logger.isLevelEnabled('debug'))
        logger.debug({ ...log(), outcome, ms: Math.round(seconds * 1000) }, 'command answered');
      this.deps.observer?.done({ command: name, platform: ctx.origin.platform, outcome, seconds });
    }
  }
}

function typedText(invocation: Invocation): string {
  const input = invocation.input;
  const args =
    input.kind === 'text'
      ? input.text
      : Object.entries(input.options)
          .map(([k, v]) => `${k}:${JSON.stringify(v)}`)
          .join(' ');
  const command = invocation.subcommand ? `${invocation.command} ${invocation.subcommand}` : invocation.command;
  return `/${command}${args ? ` ${args}` : ''}`;
}

function describeUnknownSubcommand(text: Text, typed: string, locale: Locale): Reply {
  return reply([
    { type: 'text', text },
    { type: 'text', text: m.t(locale, 'youTyped', { typed: excerpt(typed) }) },
  ]);
}

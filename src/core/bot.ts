import type { Community } from '../config/community.ts';
import { isOrganiser } from '../config/community.ts';
import { StoreUnavailableError } from '../store/storeErrors.ts';
import type { Clock } from './clock.ts';
import type { CommandContext, CommandDefinition, Outcome } from './command.ts';
import type { FormSubmission } from './form.ts';
import type { Invocation, Origin } from './invocation.ts';
import type { Logger } from './logger.ts';
import { coreMessages as m } from './messages.ts';
import { describeProblem } from './optionProblems.ts';
import { checkTypedOptions, parseOptions } from './optionParser.ts';
import { say } from './reply.ts';
import { UserError } from './userError.ts';

export interface BotDeps<S> {
  commands: readonly CommandDefinition<S>[];
  communities: ReadonlyMap<string, Community>;
  services: S;
  clock: Clock;
  logger: Logger;
}

/**
 * The platform-neutral core: routes an Invocation to its command and returns the command's Reply
 * or Form. It decides locale and permissions and turns every failure into a reply.
 */
export class Bot<S> {
  private readonly byName: Map<string, CommandDefinition<S>>;

  constructor(private readonly deps: BotDeps<S>) {
    this.byName = new Map(deps.commands.map((command) => [command.name, command]));
  }

  get commands(): readonly CommandDefinition<S>[] {
    return this.deps.commands;
  }

  get communities(): ReadonlyMap<string, Community> {
    return this.deps.communities;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  get services(): S {
    return this.deps.services;
  }

  async handle(invocation: Invocation): Promise<Outcome> {
    const ctx = this.context(invocation);
    const command = this.byName.get(invocation.command);
    if (!command) return say(m.t(ctx.locale, 'unknownCommand', { name: invocation.command }));
    if (command.organiserOnly && !ctx.isOrganiser) {
      return say(m.t(ctx.locale, 'organisersOnly', { name: command.name, community: ctx.community.name }));
    }
    const input = invocation.input;
    const parsed = input.kind === 'text' ? parseOptions(input.text, command.options) : checkTypedOptions(input.options, command.options);
    if (!parsed.ok) return describeProblem(parsed.problem, command, ctx.locale, typedText(invocation));
    return this.guard(ctx, () => command.run(ctx, parsed.options));
  }

  async submit(origin: Origin, submission: FormSubmission): Promise<Outcome> {
    const ctx = this.context(origin);
    const command = this.byName.get(submission.formId.split(':')[0] ?? '');
    if (!command?.submit) return say(m.t(ctx.locale, 'unknownCommand', { name: submission.formId }));
    return this.guard(ctx, () => command.submit!(ctx, submission));
  }

  async act(origin: Origin, commandName: string, action: { action: string; value: string }): Promise<Outcome> {
    const ctx = this.context(origin);
    const command = this.byName.get(commandName);
    if (!command?.act) return say(m.t(ctx.locale, 'unknownCommand', { name: commandName }));
    return this.guard(ctx, () => command.act!(ctx, action));
  }

  private context(origin: Origin): CommandContext<S> {
    const community = this.community(origin.communityId);
    return {
      origin: { communityId: origin.communityId, platform: origin.platform, channelId: origin.channelId, member: origin.member },
      community,
      // The community's language by default; the member's own client locale wins.
      locale: origin.member.locale ?? community.locale,
      isOrganiser: isOrganiser(community, origin.member),
      clock: this.deps.clock,
      services: this.deps.services,
    };
  }

  private community(id: string): Community {
    const community = this.deps.communities.get(id);
    if (!community) throw new Error(`unknown community ${id}: the adapter must map platform ids to a configured community`);
    return community;
  }

  private async guard(ctx: CommandContext<S>, run: () => Promise<Outcome> | Outcome): Promise<Outcome> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof UserError) return error.form ?? say(error.text);
      if (error instanceof StoreUnavailableError) {
        // The store logs the outage once when it starts and once when it ends, not per command.
        this.deps.logger.debug({ err: error, community: ctx.community.id }, 'command failed: store unavailable');
        return say(m.t(ctx.locale, 'storeUnavailable'));
      }
      this.deps.logger.error({ err: error, community: ctx.community.id }, 'command failed');
      return say(m.t(ctx.locale, 'internalError'));
    }
  }
}

function typedText(invocation: Invocation): string {
  const input = invocation.input;
  const args = input.kind === 'text' ? input.text : Object.entries(input.options).map(([k, v]) => `${k}:${JSON.stringify(v)}`).join(' ');
  return `/${invocation.command}${args ? ` ${args}` : ''}`;
}

/**
 * Interactions in, core calls out: slash commands, autocomplete, buttons (a command's own, or one
 * that reopens a stashed form) and modal submissions. It keeps count of the interactions in
 * flight, so a shutdown can stop taking new ones and wait for those.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Clock } from '../../core/clock.ts';
import type { ButtonResponse, Outcome } from '../../core/command.ts';
import type { Logger } from '../../core/logger.ts';
import { say } from '../../core/reply.ts';
import { decodeRoute } from '../../core/route.ts';
import { actorOf, typedOptions } from './actor.ts';
import { eventChoices } from './autocomplete.ts';
import type { Actor, Core } from './dispatch.ts';
import { discordMessages as m } from './messages.ts';
import { submittedValues } from './modal.ts';
import { renderForDiscord } from './render.ts';
import { respond, type Answerable, type RespondContext } from './respond.ts';
import type { Stash } from './stash.ts';

export interface InteractionDeps {
  core: Core;
  /** Where form state and forms behind buttons wait (the store). */
  stash: Stash;
  clock: Clock;
  logger: Logger;
  /** Defer a slow answer after this long (default 2 s of Discord's 3). */
  deferAfterMs?: number;
}

export class InteractionRouter {
  private readonly stash: Stash;
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(private readonly deps: InteractionDeps) {
    this.stash = deps.stash;
  }

  /** Takes one interaction; its failures are logged, never thrown at the client's event loop. */
  take(interaction: Interaction): void {
    if (!this.accepting) return;
    const work = this.route(interaction).catch(async (error: unknown) => {
      this.deps.logger.error({ err: error, interaction: interaction.id }, 'interaction failed');
      await this.rescue(interaction);
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Stops taking interactions and waits for those already in hand. */
  async drain(): Promise<void> {
    this.accepting = false;
    await Promise.allSettled([...this.inFlight]);
  }

  private async route(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    if (interaction.isModalSubmit()) return this.modalSubmit(interaction);
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const community = await this.community(interaction);
    if (!community) return;
    const actor = actorOf(interaction);
    const typed = {
      name: interaction.commandName,
      subcommand: interaction.options.getSubcommand(false) ?? undefined,
      options: typedOptions(interaction.options.data),
    };
    const { core } = this.deps;
    const first = core.plan(community, actor, typed);
    await this.answer(
      interaction,
      core.command(community, actor, typed),
      this.context(interaction, actor, typed.name, first),
    );
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const route = decodeRoute(interaction.customId);
    if (!route || route.kind === 'form') return;
    const community = await this.community(interaction);
    if (!community) return;
    const { core } = this.deps;
    const actor = actorOf(interaction);
    if (route.kind === 'open') {
      await this.answer(
        interaction,
        core.openForm(community, actor, route.stash),
        this.context(interaction, actor, route.command, 'form'),
      );
      return;
    }
    const work = core.act(community, actor, route.command, { action: route.action, value: route.value });
    await this.answer(
      interaction,
      work,
      this.context(interaction, actor, route.command, core.planAct(route.command, route.action)),
    );
  }

  private async modalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const route = decodeRoute(interaction.customId);
    if (route?.kind !== 'form') return;
    const community = await this.community(interaction);
    if (!community) return;
    const actor = actorOf(interaction);
    const context = this.context(interaction, actor, route.command, 'ephemeral');
    const state = await this.stash.state(route.state);
    const values = submittedValues(
      interaction.fields.fields.values() as Iterable<{ customId: string; value?: string; values?: string[] }>,
    );
    const { core } = this.deps;
    const work = state
      ? core.submit(community, actor, { formId: `${route.command}:${route.form}`, values, state })
      : core.openForm(community, actor, ''); // the state expired with its stash: said as an expired form
    await this.answer(interaction, work, context);
  }

  /** Delivers the answer, then runs the effects it asked for (DMs, posts). */
  private async answer(interaction: Answerable, work: Promise<Outcome>, context: RespondContext): Promise<void> {
    const outcome = await respond(interaction, work, context);
    await this.deps.core.runEffects(outcome);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const community = this.deps.core.communityOfGuild(interaction.guildId);
    const focused = interaction.options.getFocused(true);
    if (!community || focused.name !== 'event') return interaction.respond([]);
    await interaction.respond(
      eventChoices(this.deps.core.agenda(community), String(focused.value), this.deps.clock.now()),
    );
  }

  /** After a failure of the adapter itself: still an answer, "try again", where one can be given. */
  private async rescue(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const locale = this.deps.core.localeOf(actorOf(interaction), this.deps.core.communityOfGuild(interaction.guildId));
    const [message] = renderForDiscord(this.deps.core.failed(locale), { buttonId: () => '' });
    const answer = { ...message!, flags: MessageFlags.Ephemeral as const };
    try {
      if (interaction.deferred || interaction.replied) await interaction.followUp(answer);
      else await interaction.reply(answer);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, interaction: interaction.id },
        'could not even say that an interaction failed',
      );
    }
  }

  /** The interaction's community; a server that is not configured is told what to add. */
  private async community(interaction: Answerable) {
    const community = this.deps.core.communityOfGuild(interaction.guildId);
    if (community) return community;
    const locale = this.deps.core.localeOf(actorOf(interaction), undefined);
    const [message] = renderForDiscord(
      say(m.t(locale, 'unknownGuild', { snippet: `discord: { guildId: "${interaction.guildId ?? ''}" }` })),
      { buttonId: () => '' },
    );
    await interaction.reply({ ...message!, flags: MessageFlags.Ephemeral });
    return undefined;
  }

  /** `actor` is the interaction's, read once: discord.js rebuilds a member's role collection on every read. */
  private context(interaction: Answerable, actor: Actor, command: string, first: ButtonResponse): RespondContext {
    const locale = this.deps.core.localeOf(actor, this.deps.core.communityOfGuild(interaction.guildId));
    return {
      core: this.deps.core,
      stash: this.stash,
      command,
      locale,
      first,
      deferAfterMs: this.deps.deferAfterMs ?? 2_000,
    };
  }
}

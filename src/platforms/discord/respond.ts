/**
 * Answering an interaction with the core's Outcome, within Discord's rules: one first response
 * within 3 s (a deferral, with the declared visibility, when the answer is slow), a modal only as
 * that first response, further messages as follow-ups.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { ButtonResponse, Outcome } from '../../core/command.ts';
import type { Locale } from '../../core/i18n.ts';
import type { Button, Reply, Visibility } from '../../core/reply.ts';
import { encodeRoute } from '../../core/route.ts';
import { SLOW, within } from '../../core/within.ts';
import type { Core } from './dispatch.ts';
import { modalOf } from './modal.ts';
import { renderForDiscord, type DiscordMessage } from './render.ts';
import { renderedOnce } from './renderCache.ts';
import type { Stash } from './stash.ts';

export type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export interface RespondContext {
  core: Core;
  stash: Stash;
  /** The command whose buttons and forms these are. */
  command: string;
  locale: Locale;
  /** What the command declared it answers first. */
  first: ButtonResponse;
  /** Defer when the answer is not ready after this long (Discord allows 3 s). */
  deferAfterMs: number;
}

/** Answers with the outcome of `work`, and returns it once delivered (its effects run after). */
export async function respond(
  interaction: Answerable,
  work: Promise<Outcome>,
  context: RespondContext,
): Promise<Outcome> {
  // A declared form is not waited for beyond the deadline either: late, it comes as a button that opens it.
  const early = await within(work, context.deferAfterMs);
  if (early !== SLOW) {
    await answerNow(interaction, early, context);
    return early;
  }
  const deferred = await defer(interaction, context.first);
  const outcome = await work;
  const answer = outcome.kind === 'form' ? context.core.formLater(outcome, context.locale) : outcome;
  const [first, ...rest] = await render(answer, context);
  const visibility = answer.visibility;
  if (deferred === 'replace' ? answer.replaces : deferred === visibility && !answer.replaces) {
    await interaction.editReply(editable(first!));
  } else {
    // Deferred otherwise than the answer turned out: the loading message goes, the answer comes as it must be seen.
    if (deferred !== 'replace') await interaction.deleteReply();
    await interaction.followUp(withFlags(first!, visibility));
  }
  for (const message of rest) await interaction.followUp(withFlags(message, visibility));
  return outcome;
}

async function defer(interaction: Answerable, first: ButtonResponse): Promise<Visibility | 'replace'> {
  if (first === 'replace' && interaction.isButton()) {
    await interaction.deferUpdate();
    return 'replace';
  }
  const visibility: Visibility = first === 'channel' ? 'channel' : 'ephemeral';
  await interaction.deferReply(visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
  return visibility;
}

async function answerNow(interaction: Answerable, outcome: Outcome, context: RespondContext): Promise<void> {
  if (outcome.kind === 'form' && !interaction.isModalSubmit()) {
    await interaction.showModal(
      modalOf(outcome, await context.stash.formRoute(outcome.id, outcome.state), context.locale),
    );
    return;
  }
  const answer = outcome.kind === 'form' ? context.core.formLater(outcome, context.locale) : outcome;
  const [first, ...rest] = await render(answer, context);
  if (answer.replaces && fromMessage(interaction)) await interaction.update(editable(first!));
  else await interaction.reply(withFlags(first!, answer.visibility));
  for (const message of rest) await interaction.followUp(withFlags(message, answer.visibility));
}

/** A button, or a modal opened from one: its answer may take the place of the message it was on. */
function fromMessage(interaction: Answerable): interaction is ButtonInteraction | ModalMessageModalSubmitInteraction {
  return interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
}

/** The reply as messages (rendered once for a shared reply); a button that opens a form has it stashed, its route carrying the key. */
async function render(answer: Reply, context: RespondContext): Promise<DiscordMessage[]> {
  const shared = renderedOnce(answer, context.command, () =>
    renderForDiscord(answer, { buttonId: (button) => buttonRoute(button, context.command) }),
  );
  if (shared) return shared;
  const ids = new Map<Button, string>();
  for (const block of answer.blocks) {
    if (block.type !== 'actions') continue;
    for (const button of block.buttons) {
      ids.set(
        button,
        button.opens
          ? encodeRoute({ kind: 'open', command: context.command, stash: await context.core.stashForm(button.opens) })
          : buttonRoute(button, context.command),
      );
    }
  }
  return renderForDiscord(answer, { buttonId: (button) => ids.get(button) ?? '' });
}

function buttonRoute(button: Button, command: string): string {
  return encodeRoute({ kind: 'button', command, action: button.action, value: button.value });
}

function withFlags(message: DiscordMessage, visibility: Visibility) {
  return visibility === 'ephemeral' ? { ...message, flags: MessageFlags.Ephemeral as const } : message;
}

/** An edit replaces the content too: an embed-only message must clear any earlier text. */
function editable(message: DiscordMessage) {
  return { ...message, content: message.content ?? '' };
}

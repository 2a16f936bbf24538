/**
 * The Discord messages of a shared reply, rendered once. A command freezes the blocks of a reply it
 * hands to every reader alike: `/agenda`'s programme is built once per event, language and
 * lightning talks (commands/agendaProgramme.ts), and each answer carries those same blocks. Their
 * messages are then the same each time too, and rendering them (Markdown escaped, mentions broken,
 * instants written out, embeds packed, button routes encoded) was most of the adapter's own work
 * on an `/agenda`. So they are kept beside the blocks, per command (the routes name it), frozen
 * like the blocks so that no answer can change another's. An edited agenda builds new blocks and
 * is rendered anew; the old messages go with the old blocks (a WeakMap).
 *
 * Not kept: blocks that are not frozen (any reply built for one answer), a button that opens a
 * form (each answer stashes its form under a key of its own), and files (a Buffer cannot be
 * frozen, and an attachment is rare enough to build each time).
 */
import type { Block, Reply } from '../../core/reply.ts';
import type { DiscordMessage } from './render.ts';

const rendered = new WeakMap<readonly Block[], Map<string, DiscordMessage[]>>();

/** Whether this reply's blocks are shared by other answers and can be rendered once for all of them. */
export function isShared(answer: Reply): boolean {
  return Object.isFrozen(answer.blocks) && !answer.blocks.some(opensForm);
}

/**
 * The messages of a shared reply: kept from an earlier answer, else `render()`'s, kept for the next
 * ones. Undefined for a reply that is not shared (the caller renders it for its answer).
 */
export function renderedOnce(
  answer: Reply,
  command: string,
  render: () => DiscordMessage[],
): DiscordMessage[] | undefined {
  // Looked up first: blocks kept here were shared when kept, and frozen blocks stay so.
  const forBlocks = rendered.get(answer.blocks);
  const known = forBlocks?.get(command);
  if (known) return known;
  if (!isShared(answer)) return undefined;
  const messages = render();
  if (messages.some((message) => message.files.length > 0)) return messages;
  deepFreeze(messages);
  if (forBlocks) forBlocks.set(command, messages);
  else rendered.set(answer.blocks, new Map([[command, messages]]));
  return messages;
}

function opensForm(block: Block): boolean {
  return block.type === 'actions' && block.buttons.some((button) => button.opens !== undefined);
}

function deepFreeze(value: unknown): void {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

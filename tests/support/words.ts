import type { Outcome } from '../../src/core/command.ts';
import type { Block } from '../../src/core/reply.ts';
import { instantOf, wordsOf, type Inline, type Text } from '../../src/core/text.ts';

/**
 * A command's neutral outcome as plain words, one line per fact, for tests that check what a
 * command says whatever the platform (each renderer keeps its own tests, tests/platforms/*):
 *
 * - a heading is `# words`, a list item `- words` with its detail on the next line indented,
 *   a field `label: value`, buttons `[label]` side by side, an attachment `📎 filename`;
 * - a mention is `@name`, a link `label <url>` (its url alone when it has no other label);
 * - a time token is its instant in `zone`, by style: `2019-09-18` (date), `19:15` (time),
 *   `2019-09-18 19:15` (datetime), `~2019-09-18 19:15` (relative: how far off is the renderer's);
 * - a form is its title, then `⚠ field: problem` for each field sent back with a problem.
 */
export function outcomeWords(outcome: Outcome, zone: string): string {
  const words = (text: Text) => textWords(text, zone);
  if (outcome.kind === 'form') {
    return [
      outcome.title,
      ...Object.entries(outcome.errors).map(([field, problem]) => `⚠ ${field}: ${words(problem)}`),
    ].join('\n');
  }
  return outcome.blocks.map((block) => blockWords(block, words)).join('\n');
}

/** One Text (a message of the catalogue, a field's problem) in the same words as `outcomeWords`. */
export function textWords(text: Text, zone: string): string {
  return wordsOf(text.map(withUrl), (inline) => timeWords(inline, zone));
}

const TIME_FORMATS = {
  date: 'yyyy-MM-dd',
  time: 'HH:mm',
  datetime: 'yyyy-MM-dd HH:mm',
  relative: '~yyyy-MM-dd HH:mm',
} as const;

function timeWords(inline: Extract<Inline, { type: 'time' }>, zone: string): string {
  return instantOf(inline).setZone(zone).toFormat(TIME_FORMATS[inline.style]);
}

/** A link keeps its address in the words: where it leads is part of what the reply says. */
function withUrl(inline: Inline): Inline {
  return inline.type === 'link' && inline.label !== inline.url
    ? { ...inline, label: `${inline.label} <${inline.url}>` }
    : inline;
}

function blockWords(block: Block, words: (text: Text) => string): string {
  switch (block.type) {
    case 'heading':
      return `# ${words(block.text)}`;
    case 'text':
      return words(block.text);
    case 'fields':
      return block.fields.map((field) => `${words(field.label)}: ${words(field.value)}`).join('\n');
    case 'list':
      return block.items
        .map((item) => `- ${words(item.text)}${item.detail ? `\n  ${words(item.detail)}` : ''}`)
        .join('\n');
    case 'actions':
      return block.buttons.map((button) => `[${words(button.label)}]`).join(' ');
    case 'attachment':
      return `📎 ${block.attachment.filename}`;
    case 'divider':
      return '---';
  }
}

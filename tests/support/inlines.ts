import type { Reply } from '../../src/core/reply.ts';
import type { Inline } from '../../src/core/text.ts';

/** Every inline token of a reply, blocks, list details and button labels included. */
export function inlines(reply: Reply): Inline[] {
  return reply.blocks.flatMap((block) => {
    switch (block.type) {
      case 'heading':
      case 'text':
        return block.text;
      case 'list':
        return block.items.flatMap((item) => [...item.text, ...(item.detail ?? [])]);
      case 'fields':
        return block.fields.flatMap((field) => [...field.label, ...field.value]);
      case 'actions':
        return block.buttons.flatMap((button) => button.label);
      default:
        return [];
    }
  });
}

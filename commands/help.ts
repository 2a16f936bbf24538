import { defineMessages } from '../src/core/i18n.ts';
import { reply } from '../src/core/reply.ts';
import { literal, strong } from '../src/core/text.ts';
import type { Command } from './types.ts';

const m = defineMessages({
  en: { description: 'What I can do', heading: 'Commands of {community}' },
  fr: { description: 'Ce que je sais faire', heading: 'Commandes de {community}' },
});

/** `/help`: every command with its description in the reader's language. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: m.both('description'),
    options: [],
    run(ctx) {
      // Descriptions of organiser-only commands say so themselves (tests/commands.test.ts), as
      // platforms show them in their own command pickers too.
      const items = all().map((command) => ({ text: [strong(`/${command.name}`), literal(` — ${command.description[ctx.locale]}`)] }));
      return reply([{ type: 'heading', text: m.t(ctx.locale, 'heading', { community: ctx.community.name }) }, { type: 'list', items }]);
    },
  };
}

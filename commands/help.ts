import { defineMessages } from '../src/core/i18n.ts';
import { reply } from '../src/core/reply.ts';
import { literal, strong } from '../src/core/text.ts';
import type { Command } from './types.ts';

const m = defineMessages({
  en: { description: 'What I can do', heading: 'Commands of {community}', organisers: ' (organisers)' },
  fr: { description: 'Ce que je sais faire', heading: 'Commandes de {community}', organisers: ' (organisateurs)' },
});

/** `/help`: every command with its description in the reader's language. */
export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: m.both('description'),
    options: [],
    run(ctx) {
      const items = all().map((command) => ({
        text: [
          strong(`/${command.name}`),
          literal(` — ${command.description[ctx.locale]}`),
          ...(command.organiserOnly ? m.t(ctx.locale, 'organisers') : []),
        ],
      }));
      return reply([{ type: 'heading', text: m.t(ctx.locale, 'heading', { community: ctx.community.name }) }, { type: 'list', items }]);
    },
  };
}

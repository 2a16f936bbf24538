import { agenda } from './agenda.ts';
import { announce } from './announce.ts';
import { feedback } from './feedback.ts';
import { helpCommand } from './help.ts';
import { propose } from './propose.ts';
import { proposals } from './proposals.ts';
import type { Command } from './types.ts';

/** Every slash command, listed explicitly: adapters register exactly these. */
export const commands: readonly Command[] = [
  agenda,
  propose,
  proposals,
  feedback,
  announce,
  helpCommand(() => commands),
];

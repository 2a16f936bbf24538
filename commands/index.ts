import { agenda } from './agenda.ts';
import { helpCommand } from './help.ts';
import type { Command } from './types.ts';

/** Every slash command, listed explicitly: adapters register exactly these. */
export const commands: readonly Command[] = [agenda, helpCommand(() => commands)];

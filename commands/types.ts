import type { CommandContext, CommandDefinition } from '../src/core/command.ts';
import type { Services } from '../src/services.ts';

export type Ctx = CommandContext<Services>;
export type Command = CommandDefinition<Services>;

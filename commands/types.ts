import type { Community } from '../src/config/community.ts';
import type { CommandContext, CommandDefinition } from '../src/core/command.ts';
import type { Services } from '../src/services.ts';

export type Ctx = CommandContext<Services, Community>;
export type Command = CommandDefinition<Services, Community>;

import type { OptionSpec } from '../src/core/command.ts';
import { proposalMessages as m } from '../src/proposals/messages.ts';

/** The proposal's number, typed first: `/propose edit 3`, `/proposals accept 3`. */
export const PROPOSAL_ID: OptionSpec = {
  name: 'id',
  names: { fr: 'numéro' },
  type: 'integer',
  positional: true,
  required: true,
  minValue: 1,
  example: '3',
  description: m.both('optId'),
};

import type { Text } from './text.ts';
import type { Form } from './form.ts';

/**
 * Thrown by a command for input it cannot accept. The core turns it into a friendly ephemeral
 * reply; when a form is attached, the form comes back pre-filled instead, with the reason.
 */
export class UserError extends Error {
  constructor(
    readonly text: Text,
    readonly form?: Form,
  ) {
    super(text.map((part) => ('text' in part ? part.text : '')).join(''));
    this.name = 'UserError';
  }
}

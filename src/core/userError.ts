import type { Form } from './form.ts';
import type { Locale } from './i18n.ts';
import type { Text } from './text.ts';

/** What a UserError says: its words, or its words in the member's language when thrown below the command (a lock, a repository). */
export type Said = Text | ((locale: Locale) => Text);

/**
 * A problem the member can fix or wait out (input it cannot accept, a record locked for a
 * moment), thrown anywhere below a command. The core's guard turns it into an ephemeral reply;
 * when a form is attached, the form comes back pre-filled instead, with the reason. Commands do
 * not catch it, except to give back what the member typed.
 */
export class UserError extends Error {
  constructor(
    readonly said: Said,
    readonly form?: Form,
  ) {
    super(
      typeof said === 'function'
        ? 'a problem for the member'
        : said.map((part) => ('text' in part ? part.text : '')).join(''),
    );
    this.name = 'UserError';
  }

  textIn(locale: Locale): Text {
    return typeof this.said === 'function' ? this.said(locale) : this.said;
  }
}

import type { Locale } from './i18n.ts';
import type { Text } from './text.ts';

/**
 * A platform-neutral answer. Kept small on purpose: every block must render on Discord (2,000
 * characters a message, 25 fields an embed) and Slack (50 blocks, 3,000 characters a section).
 */
export type Visibility = 'ephemeral' | 'channel';

/** Text a person writes for the bot to post as one message: Discord's 2,000, the tighter of the two. */
export const REPLY_LIMITS = { messageText: 2000 } as const;

export interface ListItem {
  text: Text;
  /** Secondary line(s): an abstract, a speaker bio. */
  detail?: Text;
}

export interface Button {
  /** Action id handed back to the command's `act` with `value`. */
  action: string;
  value: string;
  label: Text;
  style?: 'primary' | 'danger';
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export type Block =
  | { type: 'heading'; text: Text }
  | { type: 'text'; text: Text }
  | { type: 'fields'; fields: Array<{ label: Text; value: Text }> }
  | { type: 'list'; items: ListItem[] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'attachment'; attachment: Attachment }
  | { type: 'divider' };

export interface Reply {
  kind: 'reply';
  visibility: Visibility;
  blocks: Block[];
  /**
   * The language it was written in, when not the reader's own by default (a notice sent to a
   * speaker in theirs): renderers format its dates and times in it too, so no part is in another.
   */
  locale?: Locale;
}

export function reply(blocks: Block[], visibility: Visibility = 'ephemeral'): Reply {
  return { kind: 'reply', visibility, blocks };
}

/** The same reply, marked as written in `locale`. */
export const writtenIn = (answer: Reply, locale: Locale): Reply => ({ ...answer, locale });

/** A one-paragraph reply, the common case for confirmations and errors. */
export function say(text: Text, visibility: Visibility = 'ephemeral'): Reply {
  return reply([{ type: 'text', text }], visibility);
}

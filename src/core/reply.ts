import type { Form } from './form.ts';
import type { Locale } from './i18n.ts';
import type { DmTarget, PostTarget } from './poster.ts';
import { truncate, type Text } from './text.ts';

/**
 * A platform-neutral answer. Kept small on purpose: every block must render on Discord (2,000
 * characters a message, 25 fields an embed) and Slack (50 blocks, 3,000 characters a section).
 */
export type Visibility = 'ephemeral' | 'channel';

/** Text a person writes for the bot to post as one message: Discord's 2,000, the tighter of the two. */
export const REPLY_LIMITS = { messageText: 2000, excerpt: 80 } as const;

/** The start of what someone typed, to quote in a refusal. */
export const excerpt = (value: string): string => truncate(value, REPLY_LIMITS.excerpt);

/** Room a token takes once rendered, at most (a date in words, a mention, a link with its address). */
const TOKEN_ROOM = { time: 40, mention: 40 } as const;

/** About how many characters a reply takes once rendered: enough to keep it within a platform's message size. */
export function replyLength(answer: Reply): number {
  const text = (t: Text) =>
    t.reduce((sum, inline) => {
      if (inline.type === 'time' || inline.type === 'mention') return sum + TOKEN_ROOM[inline.type];
      if (inline.type === 'link') return sum + inline.label.length + inline.url.length + 3;
      return sum + inline.text.length;
    }, 0);
  const block = (b: Block): number => {
    switch (b.type) {
      case 'heading':
      case 'text':
        return text(b.text) + 6;
      case 'fields':
        return b.fields.reduce((sum, f) => sum + text(f.label) + text(f.value) + 4, 0);
      case 'list':
        return b.items.reduce((sum, item) => sum + text(item.text) + (item.detail ? text(item.detail) + 8 : 0) + 6, 0);
      case 'actions':
        return b.buttons.reduce((sum, button) => sum + text(button.label) + 4, 0);
      case 'attachment':
        return b.attachment.filename.length + 4;
      case 'divider':
        return 5;
    }
  };
  return answer.blocks.reduce((sum, b) => sum + block(b) + 1, 0);
}

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
  /**
   * Pressing it opens this form (pre-filled, with its errors) instead of calling `act`: how a
   * form is offered where it cannot be the first response (after a modal submit, a deferral).
   * Adapters keep it in the FormStash and route the button as `open`.
   */
  opens?: Form;
}

/**
 * Slow work a command asks for, done by the Bot after the adapter delivered the reply
 * (`bot.runEffects`), so that it never holds the answer past a platform's deadline. Serialisable.
 */
export type Effect =
  | { kind: 'dm'; target: DmTarget; reply: Reply; onFailure?: Effect }
  | { kind: 'post'; target: PostTarget; reply: Reply; onFailure?: Effect };

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
  /** This answer to a button takes the place of the message the button was on (Discord `update`, Slack `replace_original`). */
  replaces?: boolean;
  /** Run after the reply was delivered; the reply itself says what happens if they fail. */
  effects?: Effect[];
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

import type { DateTime } from 'luxon';
import type { Locale } from '../../core/i18n.ts';
import type { Attachment, Block, Button, Reply } from '../../core/reply.ts';
import { instantOf, type Inline, type Text } from '../../core/text.ts';
import { formatTime } from './formatTime.ts';

export interface ConsoleView {
  zone: string;
  locale: Locale;
  now: DateTime;
  /** Where an attachment goes: the console writes it to a file and shows the path. */
  saveAttachment?: (attachment: Attachment) => string;
}

/** A Reply as terminal text. User text is stripped of control characters so it cannot drive the terminal. */
export function renderReply(reply: Reply, view: ConsoleView): string {
  // Dates and times in the language the words were written in.
  const inLocale = reply.locale ? { ...view, locale: reply.locale } : view;
  // Buttons are numbered through the whole reply: typing the number alone presses it (session.ts).
  let pressed = 0;
  const number = () => ++pressed;
  return reply.blocks.map((block) => renderBlock(block, inLocale, number)).join('\n');
}

/** A reply's buttons in the order their numbers were given. */
export function buttonsOf(reply: Reply): Button[] {
  return reply.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []));
}

export function renderText(text: Text, view: ConsoleView): string {
  return text.map((inline) => renderInline(inline, view)).join('');
}

function renderInline(inline: Inline, view: ConsoleView): string {
  switch (inline.type) {
    case 'literal':
      return inline.text;
    case 'plain':
    case 'strong':
      return safe(inline.text);
    case 'time':
      return formatTime(instantOf(inline), inline.style, view.zone, view.locale, view.now);
    case 'mention':
      return `@${safe(inline.name)}`;
    case 'link':
      return inline.label === inline.url ? safe(inline.url) : `${safe(inline.label)} <${safe(inline.url)}>`;
  }
}

function renderBlock(block: Block, view: ConsoleView, number: () => number): string {
  const t = (text: Text) => renderText(text, view);
  switch (block.type) {
    case 'heading':
      return `== ${t(block.text)} ==`;
    case 'text':
      return t(block.text);
    case 'fields':
      return block.fields.map((field) => `${t(field.label)}: ${t(field.value)}`).join('\n');
    case 'list':
      return block.items
        .map((item) => `  • ${t(item.text)}${item.detail ? `\n      ${t(item.detail)}` : ''}`)
        .join('\n');
    case 'actions':
      return block.buttons.map((button) => `[${number()}] ${t(button.label)}`).join('  ');
    case 'attachment':
      return `📎 ${view.saveAttachment?.(block.attachment) ?? block.attachment.filename}`;
    case 'divider':
      return '----';
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function safe(value: string): string {
  return value.replace(CONTROL, '');
}

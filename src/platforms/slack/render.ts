import type { Locale } from '../../core/i18n.ts';
import type { Attachment, Block, Button, Reply } from '../../core/reply.ts';
import { instantOf, wordsOf, type Inline, type Text } from '../../core/text.ts';
import { bold, cut, inert, inertUrl } from './escape.ts';
import { dateToken, fallback } from './time.ts';

/** Block Kit's limits (api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** The top-level `text`, a notification's words: Slack truncates at 40,000; kept short. */
  fallbackText: 3000,
} as const;

/** One Block Kit block as JSON (`@slack/types`' KnownBlock, kept to the kinds used here). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text?: { type: 'mrkdwn'; text: string }; fields?: Array<{ type: 'mrkdwn'; text: string }> }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'divider' };

export interface SlackButton {
  type: 'button';
  action_id: string;
  value: string;
  text: { type: 'plain_text'; text: string; emoji: boolean };
  style?: 'primary' | 'danger';
}

/** One message as `chat.postMessage`, a response_url or a command ack takes it; files are uploaded apart. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  files: Attachment[];
}

export interface SlackRenderContext {
  /** The community's zone: the fallback of each date token is written in it. */
  zone: string;
  /** The reader's language, for the fallbacks (a reply written in another language says so). */
  locale: Locale;
  /** A button's `action_id`: the core's routing convention. */
  buttonId(button: Button): string;
}

/** A section that list items may share when the reply would not fit 50 blocks otherwise. */
interface Piece {
  block: SlackBlock;
  mergeable?: boolean;
}

/**
 * A Reply as Block Kit messages: headings as header blocks, text and list items as mrkdwn sections,
 * fields as section fields, buttons as actions. User text is escaped, times are date tokens, and a
 * reply too long for one message (50 blocks) continues in the next.
 */
export function renderForSlack(reply: Reply, context: SlackRenderContext): SlackMessage[] {
  const locale = reply.locale ?? context.locale;
  const mrkdwn = (t: Text) => t.map((inline) => inlineMrkdwn(inline, context.zone, locale)).join('');
  const words = (t: Text) => wordsOf(t, (inline) => fallback(instantOf(inline), inline.style, context.zone, locale));
  const pieces = reply.blocks.flatMap((block) => piecesOf(block, mrkdwn, words, context));
  const files = reply.blocks.flatMap((block) => (block.type === 'attachment' ? [block.attachment] : []));
  const messages = chunk(fitBlocks(pieces), SLACK_LIMITS.blocksPerMessage).map((blocks) => ({
    text: summary(blocks),
    blocks,
    files: [] as Attachment[],
  }));
  if (messages.length === 0) messages.push({ text: ' ', blocks: [], files: [] });
  messages[0]!.files = files;
  return messages;
}

function inlineMrkdwn(inline: Inline, zone: string, locale: Locale): string {
  switch (inline.type) {
    case 'literal':
      return inline.text;
    case 'plain':
      return inert(inline.text);
    case 'strong':
      return bold(inert(inline.text));
    case 'time':
      return dateToken(inline, zone, locale);
    case 'mention':
      return `<@${inline.memberId}>`;
    case 'link':
      return `<${inertUrl(inline.url)}|${inert(inline.label)}>`;
  }
}

/** Plain text (headers, buttons): nothing is parsed there, so nothing is escaped; times in words. */

function piecesOf(
  block: Block,
  mrkdwn: (t: Text) => string,
  words: (t: Text) => string,
  context: SlackRenderContext,
): Piece[] {
  switch (block.type) {
    case 'heading':
      return [
        {
          block: {
            type: 'header',
            text: { type: 'plain_text', text: cut(words(block.text) || ' ', SLACK_LIMITS.headerText), emoji: true },
          },
        },
      ];
    case 'text':
      return sections(mrkdwn(block.text)).map((text) => ({ block: section(text) }));
    case 'fields':
      return chunk(
        block.fields.map((f) => ({
          type: 'mrkdwn' as const,
          text: cut(`${bold(mrkdwn(f.label))}\n${mrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
        })),
        SLACK_LIMITS.fieldsPerSection,
      ).map((fields) => ({ block: { type: 'section', fields } }));
    case 'list':
      return block.items.map((item) => {
        const detail = item.detail ? `\n>${mrkdwn(item.detail).replace(/\n/g, '\n>')}` : '';
        return { block: section(cut(`• ${mrkdwn(item.text)}${detail}`, SLACK_LIMITS.sectionText)), mergeable: true };
      });
    case 'actions':
      return chunk(block.buttons, SLACK_LIMITS.elementsPerActions).map((buttons) => ({
        block: { type: 'actions', elements: buttons.map((button) => buttonOf(button, words, context)) },
      }));
    case 'divider':
      return [{ block: { type: 'divider' } }];
    case 'attachment':
      return [];
  }
}

function buttonOf(button: Button, words: (t: Text) => string, context: SlackRenderContext): SlackButton {
  return {
    type: 'button',
    action_id: context.buttonId(button),
    value: cut(button.value, SLACK_LIMITS.buttonValue),
    text: { type: 'plain_text', text: cut(words(button.label) || ' ', SLACK_LIMITS.buttonText), emoji: true },
    ...(button.style ? { style: button.style } : {}),
  };
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** Long text in sections of at most 3,000 characters, split between lines where it can be. */
function sections(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > SLACK_LIMITS.sectionText) {
    const at = rest.lastIndexOf('\n', SLACK_LIMITS.sectionText);
    const end = at > SLACK_LIMITS.sectionText / 2 ? at : safeEnd(rest, SLACK_LIMITS.sectionText);
    out.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest || ' ');
  return out;
}

/** Where to split without breaking a surrogate pair, an entity or a `<…>` token. */
function safeEnd(text: string, max: number): number {
  let end = max;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  const open = Math.max(text.lastIndexOf('<', end - 1), text.lastIndexOf('&', end - 1));
  if (open > 0 && open > end - 300 && !/[>;]/.test(text.slice(open, end))) end = open;
  return end;
}

/** When a reply would take more than one message, list items share sections (up to 3,000 characters). */
function fitBlocks(pieces: Piece[]): SlackBlock[] {
  if (pieces.length <= SLACK_LIMITS.blocksPerMessage) return pieces.map((piece) => piece.block);
  const blocks: SlackBlock[] = [];
  let shared = false;
  for (const piece of pieces) {
    const last = blocks.at(-1);
    const text = piece.block.type === 'section' ? piece.block.text?.text : undefined;
    if (
      piece.mergeable &&
      shared &&
      last?.type === 'section' &&
      last.text &&
      text &&
      last.text.text.length + 1 + text.length <= SLACK_LIMITS.sectionText
    ) {
      last.text.text = `${last.text.text}\n${text}`;
      continue;
    }
    blocks.push(structuredClone(piece.block));
    shared = Boolean(piece.mergeable);
  }
  return blocks;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The message's words for notifications and screen readers: its first header or section. The
 * message's `text` is mrkdwn, where `<!channel>` notifies: a header's plain text is escaped there.
 */
function summary(blocks: SlackBlock[]): string {
  for (const block of blocks) {
    if (block.type === 'header') return cut(inert(block.text.text), SLACK_LIMITS.fallbackText);
    if (block.type === 'section' && block.text) return cut(block.text.text, SLACK_LIMITS.fallbackText);
  }
  return ' ';
}

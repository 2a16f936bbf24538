import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from 'discord.js';
import type { Block, Button, Reply } from '../../core/reply.ts';
import { instantOf, type Inline, type Text, type TimeStyle } from '../../core/text.ts';
import { cut, inert } from './escape.ts';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** One message as discord.js takes it (`interaction.reply`, `channel.send`): plain JSON, serialisable. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponentWithCustomId>>;
  files: Array<{ name: string; attachment: Buffer }>;
  /** Nothing typed by a person or read from a file can ping: only the bot's own mention tokens. */
  allowedMentions: { parse: []; users: string[] };
}

export interface DiscordRenderContext {
  /** The `custom_id` of a button: the core's routing convention, checked against the 100-character limit. */
  buttonId(button: Button): string;
}

const STYLE: Record<TimeStyle, string> = { date: 'D', time: 't', datetime: 'F', relative: 'R' };
const BRAND_COLOUR = 0x3b82f6;
const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

interface Draft {
  title?: string;
  lines: string[];
  fields: APIEmbedField[];
}

/**
 * A Reply as one or more Discord messages. A reply of text alone is a plain message; one with a
 * heading, fields or a list becomes embeds, split so that no limit is ever exceeded. Times are
 * `<t:UNIX:style>` so each reader sees their own zone and language.
 */
export function renderForDiscord(reply: Reply, context: DiscordRenderContext): DiscordMessage[] {
  const users = new Set<string>();
  const t = (text: Text) => text.map((inline) => inlineText(inline, users)).join('');
  const structured = reply.blocks.some(
    (block) => block.type === 'heading' || block.type === 'fields' || block.type === 'list',
  );
  const buttons = reply.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []));
  const files = reply.blocks.flatMap((block) =>
    block.type === 'attachment'
      ? [{ name: block.attachment.filename, attachment: Buffer.from(block.attachment.content) }]
      : [],
  );
  const written = structured ? embedMessages(reply.blocks, t) : contentMessages(reply.blocks, t);
  // A reply of buttons or a file alone is still one message: they ride on it.
  const bodies = written.length > 0 ? written : [{ embeds: [] }];
  const allowedMentions = { parse: [] as [], users: [...users] };
  return bodies.map((body, index) => ({
    ...body,
    components: index === 0 ? buttonRows(buttons, context) : [],
    files: index === 0 ? files : [],
    allowedMentions,
  }));
}

function inlineText(inline: Inline, users: Set<string>): string {
  switch (inline.type) {
    case 'literal':
      return inline.text;
    case 'plain':
      return inert(inline.text);
    case 'strong':
      return `**${inert(inline.text)}**`;
    case 'time':
      return `<t:${unixSeconds(inline.at)}:${STYLE[inline.style]}>`;
    case 'mention':
      users.add(inline.memberId);
      return `<@${inline.memberId}>`;
    case 'link':
      return inline.label === inline.url ? `<${inline.url}>` : `[${inert(inline.label)}](${inline.url})`;
  }
}

/**
 * A time token's instant in Unix seconds. Its ISO string parses natively (luxon's parser costs tens
 * of microseconds a token, a millisecond on a full programme); luxon reads what Date cannot.
 */
function unixSeconds(at: string): number {
  const ms = Date.parse(at);
  return Math.floor((Number.isNaN(ms) ? instantOf({ at }).toMillis() : ms) / 1000);
}

type Body = { content?: string; embeds: APIEmbed[] };

/** Text alone: plain messages of at most 2,000 characters, split between paragraphs. */
function contentMessages(blocks: Block[], t: (text: Text) => string): Body[] {
  const paragraphs = blocks.flatMap((block) => (block.type === 'text' ? [t(block.text)] : []));
  return packLines(paragraphs, DISCORD_LIMITS.content).map((content) => ({ content, embeds: [] }));
}

function embedMessages(blocks: Block[], t: (text: Text) => string): Body[] {
  const drafts: Draft[] = [];
  const current = () => drafts.at(-1) ?? (drafts.push({ lines: [], fields: [] }), drafts.at(-1)!);
  for (const block of blocks) {
    if (block.type === 'heading')
      drafts.push({ title: cut(t(block.text), DISCORD_LIMITS.title), lines: [], fields: [] });
    else if (block.type === 'divider') drafts.push({ lines: [], fields: [] });
    else if (block.type === 'text') current().lines.push(t(block.text));
    else if (block.type === 'fields')
      current().fields.push(...block.fields.map((f) => field(t(f.label), t(f.value), true)));
    else if (block.type === 'list') {
      for (const item of block.items) {
        if (item.detail) current().fields.push(field(t(item.text), t(item.detail), false));
        else current().lines.push(`• ${t(item.text)}`);
      }
    }
  }
  return packEmbeds(drafts.flatMap(toEmbeds));
}

function field(name: string, value: string, inline: boolean): APIEmbedField {
  return {
    name: cut(name || '\u200b', DISCORD_LIMITS.fieldName),
    value: cut(value || '\u200b', DISCORD_LIMITS.fieldValue),
    inline,
  };
}

/** A draft as embeds: a long description or more than 25 fields continue in further embeds. */
function toEmbeds(draft: Draft): APIEmbed[] {
  const embeds: APIEmbed[] = packLines(draft.lines, DISCORD_LIMITS.description).map((description) => ({
    color: BRAND_COLOUR,
    description,
  }));
  if (embeds.length === 0) embeds.push({ color: BRAND_COLOUR });
  let first = true;
  for (const fields of fieldGroups(draft.fields)) {
    // The first fields sit under the last part of the text that introduces them, when they fit there.
    const last = embeds.at(-1)!;
    if (
      first &&
      embedLength(last) + fields.reduce((n, f) => n + f.name.length + f.value.length, 0) <= DISCORD_LIMITS.embedTotal
    )
      last.fields = fields;
    else embeds.push({ color: BRAND_COLOUR, fields });
    first = false;
  }
  if (draft.title) embeds[0]!.title = draft.title;
  return embeds.filter((embed) => embed.title || embed.description || embed.fields?.length);
}

/** Fields in groups that fit one embed: at most 25, and room for a title within the 6,000 characters. */
function fieldGroups(fields: APIEmbedField[]): APIEmbedField[][] {
  const groups: APIEmbedField[][] = [];
  const room = DISCORD_LIMITS.embedTotal - DISCORD_LIMITS.title;
  let size = 0;
  for (const f of fields) {
    const length = f.name.length + f.value.length;
    const last = groups.at(-1);
    if (!last || last.length >= DISCORD_LIMITS.fields || size + length > room) {
      groups.push([f]);
      size = length;
    } else {
      last.push(f);
      size += length;
    }
  }
  return groups;
}

/** Embeds into messages: at most 10 embeds and 6,000 characters of embed text each. */
function packEmbeds(embeds: APIEmbed[]): Body[] {
  const messages: Body[] = [];
  let size = 0;
  for (const embed of embeds) {
    const last = messages.at(-1);
    const length = embedLength(embed);
    if (!last || last.embeds.length >= DISCORD_LIMITS.embedsPerMessage || size + length > DISCORD_LIMITS.embedTotal) {
      messages.push({ embeds: [embed] });
      size = length;
    } else {
      last.embeds.push(embed);
      size += length;
    }
  }
  return messages.length > 0 ? messages : [{ embeds: [] }];
}

export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

/** Paragraphs joined by newlines into chunks of at most `max` characters; an over-long one is cut. */
function packLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  for (const raw of lines) {
    const line = cut(raw, max);
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= max) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return chunks;
}

function buttonRows(buttons: Button[], context: DiscordRenderContext): DiscordMessage['components'] {
  const rows: DiscordMessage['components'] = [];
  const max = DISCORD_LIMITS.buttonsPerRow * DISCORD_LIMITS.rows;
  buttons.slice(0, max).forEach((button, index) => {
    if (index % DISCORD_LIMITS.buttonsPerRow === 0) rows.push({ type: 1, components: [] });
    rows.at(-1)!.components.push({
      type: 2,
      style: BUTTON_STYLE[button.style ?? 'secondary'],
      label: cut(plainLabel(button.label), DISCORD_LIMITS.buttonLabel),
      custom_id: context.buttonId(button),
    });
  });
  return rows;
}

/** Button labels are not Markdown: the text as shown, mentions cannot resolve there. */
function plainLabel(text: Text): string {
  return text
    .map((inline) =>
      'text' in inline ? inline.text : 'name' in inline ? inline.name : inline.type === 'link' ? inline.label : '',
    )
    .join('');
}

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/console/render.ts';
import {
  DISCORD_LIMITS,
  embedLength,
  renderForDiscord,
  type DiscordMessage,
} from '../../src/platforms/discord/render.ts';
import { reply } from '../../src/core/reply.ts';
import { plain } from '../../src/core/text.ts';
import { rendererContract } from './rendererContract.ts';
import { discordPings } from '../support/discordPings.ts';
import { slackRenderer } from './slack/blockKit.ts';

const view = { zone: 'Europe/Paris', locale: 'en' as const, now: DateTime.fromISO('2019-09-01T12:00:00Z') };

rendererContract(slackRenderer);

rendererContract<string>({
  name: 'console',
  render: (r) => renderReply(r, view),
  visibleText: (out) => out,
  // A terminal notifies no one.
  pings: () => [],
  instants: () => undefined,
  buttonCount: (out) => (out.match(/\[[^\]]+\]/g) ?? []).length,
  limitProblems: () => [],
});

/** What a Discord client shows: Markdown escapes and the zero-width breaks removed, mentions as text. */
function discordVisible(messages: DiscordMessage[]): string {
  const parts = messages.flatMap((m) => [
    m.content ?? '',
    ...m.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ]);
  return parts
    .join('\n')
    .replace(/\u200b/g, '')
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g, '$1')
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/\\([^A-Za-z0-9\s])/g, '$1');
}

function discordProblems(messages: DiscordMessage[]): string[] {
  const problems: string[] = [];
  messages.forEach((m, i) => {
    if ((m.content ?? '').length > DISCORD_LIMITS.content) problems.push(`message ${i}: content`);
    if (m.embeds.length > DISCORD_LIMITS.embedsPerMessage) problems.push(`message ${i}: embeds`);
    if (m.embeds.reduce((sum, e) => sum + embedLength(e), 0) > DISCORD_LIMITS.embedTotal)
      problems.push(`message ${i}: embed total`);
    for (const e of m.embeds) {
      if ((e.title ?? '').length > DISCORD_LIMITS.title) problems.push(`message ${i}: title`);
      if ((e.description ?? '').length > DISCORD_LIMITS.description) problems.push(`message ${i}: description`);
      if ((e.fields ?? []).length > DISCORD_LIMITS.fields) problems.push(`message ${i}: fields`);
      for (const f of e.fields ?? [])
        if (f.name.length > DISCORD_LIMITS.fieldName || f.value.length > DISCORD_LIMITS.fieldValue)
          problems.push(`message ${i}: field`);
    }
  });
  return problems;
}

const discord = (r: Parameters<typeof renderForDiscord>[0]) =>
  renderForDiscord(r, { buttonId: (b) => `test:${b.action}:${b.value}` });

rendererContract<DiscordMessage[]>({
  name: 'discord',
  render: discord,
  visibleText: discordVisible,
  pings: discordPings,
  instants: (out) =>
    [...JSON.stringify(out.map((m) => [m.content, m.embeds])).matchAll(/<t:(\d+):/g)].map((x) => Number(x[1])),
  buttonCount: (out) => out.flatMap((m) => m.components.flatMap((row) => row.components)).length,
  limitProblems: discordProblems,
});

describe('discord rendering', () => {
  it('sends text alone as a plain message, split under 2,000 characters between paragraphs', () => {
    const out = discord(
      reply(Array.from({ length: 5 }, (_, i) => ({ type: 'text' as const, text: [plain(`${i}${'a'.repeat(900)}`)] }))),
    );
    expect(out.map((m) => m.embeds.length)).toEqual([0, 0, 0]);
    expect(out.map((m) => (m.content ?? '')[0])).toEqual(['0', '2', '4']);
  });

  it('puts buttons and files on the first message only', () => {
    const out = discord(
      reply([
        { type: 'text', text: [plain('a'.repeat(1900))] },
        { type: 'text', text: [plain('b'.repeat(1900))] },
        { type: 'actions', buttons: [{ action: 'go', value: '1', label: [plain('Go')] }] },
        { type: 'attachment', attachment: { filename: 'x.csv', contentType: 'text/csv', content: 'a,b' } },
      ]),
    );
    expect(out).toHaveLength(2);
    expect(out[0]!.components[0]!.components[0]!.custom_id).toBe('test:go:1');
    expect(out[0]!.files.map((f) => f.name)).toEqual(['x.csv']);
    expect(out[1]!.components).toEqual([]);
  });
});

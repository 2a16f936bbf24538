/** Replies as Discord messages: never over a limit, never an empty message, only the bot's own mentions ping. */
import { describe, expect, it } from 'vitest';
import { reply, say } from '../../../src/core/reply.ts';
import { literal, mention, plain } from '../../../src/core/text.ts';
import { DISCORD_LIMITS, renderForDiscord } from '../../../src/platforms/discord/render.ts';

const context = { buttonId: (button: { action: string; value: string }) => `b:test:${button.action}:${button.value}` };

describe('renderForDiscord', () => {
  it('sends a reply made of a file alone as one message carrying the file', () => {
    const messages = renderForDiscord(
      reply([{ type: 'attachment', attachment: { filename: 'export.csv', contentType: 'text/csv', content: 'a,b' } }]),
      context,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.files.map((file) => file.name)).toEqual(['export.csv']);
  });

  it('sends a reply made of buttons alone as one message carrying them', () => {
    const messages = renderForDiscord(
      reply([{ type: 'actions', buttons: [{ action: 'accept', value: '3', label: [literal('Accept')] }] }]),
      context,
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.components[0]!.components[0]!.custom_id).toBe('b:test:accept:3');
  });

  it('lets only mention tokens ping, and breaks mass mentions typed by people', () => {
    const [message] = renderForDiscord(
      say([mention('42', 'Ada'), literal(' '), plain('@everyone <@&7> <@9>')]),
      context,
    );
    expect(message!.allowedMentions).toEqual({ parse: [], users: ['42'] });
    expect(message!.content).toContain('<@42>');
    expect(message!.content).not.toMatch(/@everyone|<@&7>|<@9>/);
  });

  it('splits long text into messages of at most 2,000 characters', () => {
    const paragraphs = Array.from({ length: 30 }, (_, index) => ({
      type: 'text' as const,
      text: [plain(`${index} ${'x'.repeat(300)}`)],
    }));
    const messages = renderForDiscord(reply(paragraphs), context);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.every((message) => (message.content ?? '').length <= DISCORD_LIMITS.content)).toBe(true);
  });
});

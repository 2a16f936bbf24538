/** A reply whose blocks are shared (frozen) is rendered once per command; any other reply is rendered for its answer. */
import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/core/form.ts';
import { reply, type Block, type Reply } from '../../../src/core/reply.ts';
import { literal, plain } from '../../../src/core/text.ts';
import { renderForDiscord, type DiscordMessage } from '../../../src/platforms/discord/render.ts';
import { isShared, renderedOnce } from '../../../src/platforms/discord/renderCache.ts';

const programme = (title: string): Block[] => [
  { type: 'heading', text: [plain(title)] },
  { type: 'list', items: [{ text: [plain('@everyone talk')], detail: [plain('abstract')] }] },
  { type: 'actions', buttons: [{ action: 'abstract', value: 't1', label: [literal('Abstract')] }] },
];

/** Blocks as a command shares them between answers (commands/agendaProgramme.ts freezes its programme). */
function frozen(blocks: Block[]): Block[] {
  Object.freeze(blocks);
  return blocks;
}

/** Renders as the adapter does, counting how often the work is done. */
function counting(answer: Reply, command: string) {
  let renders = 0;
  const render = (): DiscordMessage[] => {
    renders++;
    return renderForDiscord(answer, { buttonId: (button) => `b:${command}:${button.action}:${button.value}` });
  };
  return { messages: () => renderedOnce(answer, command, render), renders: () => renders };
}

describe('renderedOnce', () => {
  it('renders shared blocks once for every answer that carries them, whatever the answer around them', () => {
    const blocks = frozen(programme('Meetup #4'));
    const first = counting({ ...reply(blocks), visibility: 'ephemeral' }, 'agenda');
    const second = counting({ ...reply(blocks), visibility: 'channel' }, 'agenda');
    const once = first.messages()!;
    expect(second.messages()).toBe(once);
    expect(first.renders() + second.renders()).toBe(1);
    expect(once).toEqual(
      renderForDiscord(reply([...blocks]), { buttonId: (button) => `b:agenda:${button.action}:${button.value}` }),
    );
    // Still inert: the cached text is the renderer's own.
    expect(JSON.stringify(once)).not.toContain('@everyone');
  });

  it('keeps the routes of each command apart', () => {
    const blocks = frozen(programme('Meetup #4'));
    const agenda = counting(reply(blocks), 'agenda').messages()!;
    const other = counting(reply(blocks), 'other').messages()!;
    expect(agenda[0]!.components[0]!.components[0]!.custom_id).toBe('b:agenda:abstract:t1');
    expect(other[0]!.components[0]!.components[0]!.custom_id).toBe('b:other:abstract:t1');
  });

  it('renders new blocks anew: an edited programme is never answered with the old one', () => {
    const before = counting(reply(frozen(programme('Meetup #4'))), 'agenda').messages()!;
    const after = counting(reply(frozen(programme('Meetup #4, moved'))), 'agenda').messages()!;
    expect(after[0]!.embeds[0]!.title).toContain('moved');
    expect(before[0]!.embeds[0]!.title).not.toContain('moved');
  });

  it('freezes what it keeps, so that no answer can change another', () => {
    const messages = counting(reply(frozen(programme('Meetup #4'))), 'agenda').messages()!;
    expect(() => messages[0]!.embeds.push({ title: 'changed' })).toThrow(TypeError);
    expect(() => ((messages[0]!.embeds[0] as { title?: string }).title = 'changed')).toThrow(TypeError);
  });

  it('leaves a reply built for one answer to be rendered for it', () => {
    const answer = reply(programme('Meetup #4'));
    const rendering = counting(answer, 'agenda');
    expect(rendering.messages()).toBeUndefined();
    expect(rendering.renders()).toBe(0);
    expect(isShared(answer)).toBe(false);
  });

  it('never shares a button that opens a form, nor a file', () => {
    const form = {
      kind: 'form',
      id: 'propose:new',
      title: 'Propose',
      fields: [],
      values: {},
      errors: {},
      state: {},
    } as unknown as Form;
    const opening = reply(
      frozen([{ type: 'actions', buttons: [{ action: 'open', value: '', label: [literal('Open')], opens: form }] }]),
    );
    expect(isShared(opening)).toBe(false);
    const file = counting(
      reply(
        frozen([{ type: 'attachment', attachment: { filename: 'a.ics', contentType: 'text/calendar', content: 'x' } }]),
      ),
      'agenda',
    );
    file.messages();
    file.messages();
    expect(file.renders()).toBe(2);
  });
});

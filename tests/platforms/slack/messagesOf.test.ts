import { describe, expect, it } from 'vitest';
import type { Community } from '../../../src/config/community.ts';
import type { Form } from '../../../src/core/form.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { reply, type Reply } from '../../../src/core/reply.ts';
import { literal, plain } from '../../../src/core/text.ts';
import type { SlackCore } from '../../../src/platforms/slack/core.ts';
import { messagesOf, type Answering } from '../../../src/platforms/slack/deliver.ts';

/** What messagesOf needs of an answer: the community's zone, the reader's language, a form stash that counts. */
function answering(locale: 'fr' | 'en' = 'en') {
  const stashed: Form[] = [];
  const core = { stashForm: async (form: Form) => (stashed.push(form), `k${stashed.length}`) } as unknown as SlackCore;
  const a: Answering = {
    core,
    client: undefined as never,
    logger: silentLogger,
    community: { timezone: 'Europe/Paris' } as Community,
    locale,
    command: 'agenda',
    userId: 'U1',
    channelId: 'C1',
  };
  return { a, stashed };
}

const programme = (): Reply =>
  reply([
    { type: 'heading', text: [plain('#4 SRE')] },
    { type: 'list', items: [{ text: [plain('Chaos & <!here>')] }] },
    { type: 'actions', buttons: [{ action: 'abstract', value: 'e:0', label: [literal('Abstract')] }] },
  ]);

const frozen = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
};

describe('Slack messages of a reply the core keeps', () => {
  it('renders a kept (frozen) programme once per command, zone and language, for every reader', async () => {
    const kept = frozen(programme());
    const { a } = answering('en');
    const first = await messagesOf(kept, a);
    // What the core hands each reader: the kept blocks, under their own visibility.
    const again = await messagesOf({ ...kept, visibility: 'channel' }, a);
    expect(again).toBe(first);
    expect(Object.isFrozen(first[0]!.blocks)).toBe(true);
    expect(first[0]!.blocks[1]).toMatchObject({ text: { text: '• Chaos &amp; &lt;!here&gt;' } });
    expect(first[0]!.blocks[2]).toMatchObject({ elements: [{ action_id: expect.stringContaining('agenda') }] });
    const french = await messagesOf(kept, answering('fr').a);
    expect(french).not.toBe(first);
  });

  it('renders afresh a reply built for one request, and one whose button keeps a form, each time', async () => {
    const { a } = answering();
    const once = programme();
    expect(await messagesOf(once, a)).not.toBe(await messagesOf(once, a));

    const form = { id: 'propose:new' } as Form;
    const withForm = frozen(
      reply([{ type: 'actions', buttons: [{ action: 'open', value: '', label: [literal('Open')], opens: form }] }]),
    );
    const { a: b, stashed } = answering();
    const first = await messagesOf(withForm, b);
    const second = await messagesOf(withForm, b);
    expect(second).not.toBe(first);
    expect(stashed).toHaveLength(2);
    expect(first[0]!.blocks[0]).toMatchObject({ elements: [{ action_id: expect.stringContaining('k1') }] });
    expect(second[0]!.blocks[0]).toMatchObject({ elements: [{ action_id: expect.stringContaining('k2') }] });
  });
});

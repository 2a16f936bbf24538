import { describe, expect, it } from 'vitest';
import { programmeWithButtons } from '../../commands/agendaProgramme.ts';
import type { MeetupEvent, Slot } from '../../src/agenda/event.ts';
import type { Outcome } from '../../src/core/command.ts';
import type { Reply } from '../../src/core/reply.ts';
import { harness } from '../support/harness.ts';
import { outcomeWords } from '../support/words.ts';

const NOW = '2026-11-23T12:00:00+01:00';
const blocksOf = (outcome: Outcome) => (outcome as Reply).blocks;
const words = (answer: Reply) => outcomeWords(answer, 'Europe/Paris');

describe('/agenda keeps a meetup’s programme', () => {
  it('gives every member asking for one meetup in one language the programme built once', async () => {
    const bot = await harness({ now: NOW });
    const first = await bot.run('/agenda 4', { id: 'alice', locale: 'en' });
    const second = await bot.run('/agenda 4', { id: 'bob', locale: 'en' });
    const french = await bot.run('/agenda 4', { id: 'chloe', locale: 'fr' });
    expect(blocksOf(second)).toBe(blocksOf(first));
    expect(blocksOf(french)).not.toBe(blocksOf(first));
    expect(bot.words(french)).toContain('Ce meetup a eu lieu');
    expect(bot.words(second)).toContain('This meetup took place');
  });

  it('keeps it frozen, so one reader’s answer can never be changed under another’s', async () => {
    const bot = await harness({ now: NOW });
    const blocks = blocksOf(await bot.run('/agenda 4'));
    expect(Object.isFrozen(blocks)).toBe(true);
    expect(blocks.every((block) => Object.isFrozen(block))).toBe(true);
    expect(() => (blocks as unknown as unknown[]).push({ type: 'divider' })).toThrow(TypeError);
  });

  it('builds it again for an edited event, once the meetup is over, and for newly accepted lightning talks', async () => {
    const bot = await harness({ now: NOW });
    const event = bot.app.services.agenda([...bot.app.communities.keys()][0]!).find('4')!;
    const before = event.end.minus({ days: 1 });
    const after = event.end.plus({ days: 1 });
    const plain = programmeWithButtons(event, 'en', before, []);
    expect(words(plain)).not.toContain('took place');
    expect(words(programmeWithButtons(event, 'en', after, []))).toContain('This meetup took place');

    const edited: MeetupEvent = { ...event, title: 'A title changed in the file' };
    expect(words(programmeWithButtons(edited, 'en', before, []))).toContain('A title changed in the file');
    expect(words(programmeWithButtons(event, 'en', before, []))).not.toContain('A title changed in the file');

    const talk: Slot = { title: 'Five minutes of chaos', kind: 'lightning', speakers: [{ name: 'Dana' }], minutes: 5 };
    const withTalk = programmeWithButtons(event, 'en', before, [talk]);
    expect(words(withTalk)).toContain('Lightning talks');
    expect(words(withTalk)).toContain('Five minutes of chaos');
    expect(programmeWithButtons(event, 'en', before, [])).toBe(plain);
  });
});

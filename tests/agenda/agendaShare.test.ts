import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/core/optionParser.ts';
import { harness } from '../support/harness.ts';
import { agenda } from '../../commands/agenda.ts';
import { runnableOf, firstResponseOf } from '../../src/core/command.ts';

describe('/agenda … share', () => {
  it('reads the word share as the yes/no option of that name, wherever it is typed', () => {
    const options = (agenda as { options: Parameters<typeof parseOptions>[1] }).options;
    expect(parseOptions('4 share', options)).toEqual({ ok: true, options: { event: '4', share: true } });
    expect(parseOptions('share', options)).toEqual({ ok: true, options: { share: true } });
    expect(parseOptions('4', options)).toEqual({ ok: true, options: { event: '4' } });
  });

  it('posts the programme in the channel when shared, and only to the reader otherwise', async () => {
    const bot = await harness({ now: '2026-11-23T12:00:00+01:00' });
    const shared = await bot.run('/agenda 4 share', { locale: 'en' });
    const mine = await bot.run('/agenda 4', { locale: 'en' });
    expect(shared.kind === 'reply' && shared.visibility).toBe('channel');
    expect(mine.kind === 'reply' && mine.visibility).toBe('ephemeral');
    expect(bot.words(shared)).toBe(bot.words(mine));
  });

  it('declares its first response before running, so a platform can defer with the right visibility', () => {
    const runnable = runnableOf(agenda, undefined);
    expect(firstResponseOf(runnable!, { event: '4', share: true })).toBe('channel');
    expect(firstResponseOf(runnable!, { event: '4' })).toBe('ephemeral');
  });
});

import { describe, expect, it } from 'vitest';
import { harness } from '../support/harness.ts';

const NOW = '2026-11-23T12:00:00+01:00';

describe('an option typed as a bare flag', () => {
  it('is a missing value that names the option and shows both ways to type it, in English', async () => {
    const bot = await harness({ now: NOW });
    const answer = (await bot.ask('/agenda --event', { locale: 'en' })).words;
    expect(answer).toContain(
      'event needs a value: some text of at most 100 characters. Type it like this: /agenda --event 4 or /agenda event:4',
    );
    // Never read as a meetup called "true".
    expect(answer).not.toContain('true');
  });

  it('is the same in French, for `event:` with nothing after it', async () => {
    const bot = await harness({ now: NOW });
    const answer = (await bot.ask('/agenda event:')).words;
    expect(answer).toContain(
      'event attend une valeur\u202f: un texte d’au plus 100 caractères. Tapez par exemple /agenda --event 4 ou /agenda event:4',
    );
  });

  it('shows an integer option with a value it accepts', async () => {
    const bot = await harness({ now: NOW });
    expect((await bot.ask('/feedback --rating', { locale: 'en' })).words).toContain(
      '/feedback --rating 1 or /feedback rating:1',
    );
  });
});

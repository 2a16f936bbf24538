import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../src/agenda/event.ts';
import { eventToJson } from '../../src/agenda/json.ts';
import { readEventFile } from '../../src/agenda/parse/index.ts';
import { programme } from '../../src/agenda/present.ts';
import type { Locale } from '../../src/core/i18n.ts';
import { outcomeWords } from '../support/words.ts';

const PAGE =
  '---\ntitle: "#9 Meetup"\ndate: 2026-12-09T19:00\n---\n* 19h00 : Welcome\n* 19h15 : TBA\n* 19h45 : Chaos in production - Jane Roe\n';
const NOW = DateTime.fromISO('2026-11-23T12:00:00Z');

function event(): MeetupEvent {
  const { result } = readEventFile({ path: 'events/2026-12-09-meetup-9.md', text: PAGE, timezone: 'Europe/Paris' });
  if (result.kind !== 'event') throw new Error(`not read as an event: ${JSON.stringify(result)}`);
  return result.event;
}

const shown = (locale: Locale) => outcomeWords(programme(event(), locale, NOW), 'Europe/Paris');

describe('a slot the organisers have not named yet', () => {
  it('is marked as a placeholder, not only by its title', () => {
    expect(event().slots.map((slot) => slot.placeholder ?? false)).toEqual([false, true, false]);
    expect(eventToJson(event()).slots.map((slot) => slot.placeholder)).toEqual([false, true, false]);
  });

  it('is shown in French to a French reader', () => {
    expect(shown('fr')).toContain('À annoncer');
    expect(shown('fr')).not.toContain('To be announced');
  });

  it('is shown in English to an English reader', () => {
    expect(shown('en')).toContain('To be announced');
    expect(shown('en')).not.toContain('À annoncer');
  });
});

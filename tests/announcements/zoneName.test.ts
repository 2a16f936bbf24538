import { describe, expect, it } from 'vitest';
import { zoneTime } from '../../src/announcements/zoneName.ts';

describe('a zone as people name it', () => {
  it('says the city of an IANA id: "Paris time", "l’heure de Paris"', () => {
    expect(zoneTime('Europe/Paris', 'en')).toBe('Paris time');
    expect(zoneTime('Europe/Paris', 'fr')).toBe('l’heure de Paris');
    expect(zoneTime('America/Argentina/Buenos_Aires', 'en')).toBe('Buenos Aires time');
    expect(zoneTime('America/New_York', 'fr')).toBe('l’heure de New York');
  });

  it('elides "de" before a vowel in French', () => {
    expect(zoneTime('Europe/Amsterdam', 'fr')).toBe('l’heure d’Amsterdam');
    expect(zoneTime('Europe/Istanbul', 'fr')).toBe('l’heure d’Istanbul');
  });

  it('names a zone that is no city by its offset', () => {
    expect(zoneTime('UTC', 'en')).toBe('UTC');
    expect(zoneTime('Etc/UTC', 'fr')).toBe('l’heure UTC');
    // Etc/GMT+5 is five hours behind: its POSIX name has the sign the other way round.
    expect(zoneTime('Etc/GMT+5', 'en')).toBe('GMT-5');
  });
});

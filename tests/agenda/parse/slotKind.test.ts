import { describe, expect, it } from 'vitest';
import { classifySlot } from '../../../src/agenda/parse/slotKind.ts';

const speaker = [{ name: 'Jane Roe' }];

describe('classifySlot', () => {
  it.each([
    ['Accueil des participants', [], undefined, 'welcome'],
    ['Doors open', [], undefined, 'welcome'],
    ['Ouverture des portes', [], undefined, 'welcome'],
    ['Greetings', [], undefined, 'welcome'],
    ['Apéro sponsorisé par Evaneos', [], undefined, 'food'],
    ['Pizza Time', [], undefined, 'food'],
    ['Buffet', [], undefined, 'food'],
    ['Drinks', [], undefined, 'food'],
    ['Pause café', [], undefined, 'break'],
    ['Coffee break', [], undefined, 'break'],
    ['Programme et nouveautés', [], undefined, 'news'],
    ['Présentation du programme et des news du groupe', speaker, undefined, 'news'],
    ['Group announcements', [], undefined, 'news'],
    ['Annonces', [], undefined, 'news'],
    ['Questions et feedback pour le prochain meetup', [], undefined, 'news'],
    ['Announcement : call for participation', speaker, 5, 'lightning'],
    ['Announcement : call for participation', speaker, 20, 'talk'],
    ['Lightning talks', [], 15, 'lightning'],
    ['Reliability Report', speaker, 15, 'talk'],
    ['Adopter une posture de SRE', speaker, 10, 'lightning'],
    ['How we break production', speaker, 30, 'talk'],
  ] as const)('%s → %s', (title, speakers, minutes, kind) => {
    expect(classifySlot({ title, speakers, minutes })).toBe(kind);
  });

  it('reads "lightning" in the abstract too', () => {
    expect(
      classifySlot({
        title: 'Reliability Report',
        speakers: speaker,
        minutes: 15,
        abstract: 'A lightning talk about…',
      }),
    ).toBe('lightning');
  });
});

import { describe, expect, it } from 'vitest';
import { readBoldNameLead, readByline } from '../../../src/agenda/parse/markdown/bylines.ts';
import { readDateText } from '../../../src/agenda/parse/markdown/dateText.ts';
import { isEndMarker, isPlaceholder } from '../../../src/agenda/parse/markdown/slotMarkers.ts';
import { readPage } from '../../../src/agenda/parse/markdown/tree.ts';

describe('dates written in a sentence', () => {
  it.each([
    ['Thursday, February 23rd 2017', { date: { year: 2017, month: 2, day: 23 } }],
    ['February 23, 2017', { date: { year: 2017, month: 2, day: 23 } }],
    [
      '30 January, 2020 at 17:00 - 20:00',
      { date: { year: 2020, month: 1, day: 30 }, time: { hour: 17, minute: 0 }, end: { hour: 20, minute: 0 } },
    ],
    ['Jeudi 23 février 2017 à 19h', { date: { year: 2017, month: 2, day: 23 }, time: { hour: 19, minute: 0 } }],
    ['Mercredi 1er avril 2026, 19h00', { date: { year: 2026, month: 4, day: 1 }, time: { hour: 19, minute: 0 } }],
  ])('%s', (text, expected) => {
    expect(readDateText(text)).toEqual(expected);
  });

  it.each([['le 3 mars 2020 on a parlé de Kafka'], ['31 February 2020'], ['Meetup 12 2020'], ['23 février']])(
    'not a date line: %s',
    (text) => {
      expect(readDateText(text)).toBeUndefined();
    },
  );
});

describe('end markers and placeholders', () => {
  it('end markers', () => {
    expect(['Fin', 'End', 'Doors close', 'à ...', 'to …', 'Fin de soirée'].filter(isEndMarker)).toHaveLength(6);
    expect(['A', 'Closing words', 'Fin du monde et SRE', 'à la découverte de Rust'].some(isEndMarker)).toBe(false);
  });

  it('placeholders', () => {
    expect(['Todo', 'TBA', '...', '…', 'À venir', 'to be announced', '?'].filter(isPlaceholder)).toHaveLength(7);
    expect(['Tobacco-free SRE', 'A', 'TBA: the big reveal'].some(isPlaceholder)).toBe(false);
  });
});

describe('speakers under a talk', () => {
  it('a byline names the speakers; prose that starts with "par" does not', () => {
    expect(readByline('Par Ada Martin et Bo Chen')).toEqual([{ name: 'Ada Martin' }, { name: 'Bo Chen' }]);
    expect(readByline('By Jane Roe (@jroe).')).toEqual([{ name: 'Jane Roe', handle: 'jroe' }]);
    expect(readByline('Par ici la sortie')).toBeUndefined();
  });

  it('a paragraph opening with a bold name', () => {
    const [line] = readPage('**Ada Martin** (Acme) shows how to profile a service.', 1);
    expect(readBoldNameLead(line!)).toEqual({
      speaker: { name: 'Ada Martin', affiliation: 'Acme' },
      rest: 'shows how to profile a service.',
    });
    const [prose] = readPage('**Important** : inscription obligatoire', 1);
    expect(readBoldNameLead(prose!)).toBeUndefined();
  });
});

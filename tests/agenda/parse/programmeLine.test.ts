import { describe, expect, it } from 'vitest';
import { readProgrammeLine } from '../../../src/agenda/parse/programmeLine.ts';
import { splitTitleAndSpeakers } from '../../../src/agenda/parse/speakers.ts';
import { parseTimeRange } from '../../../src/agenda/parse/timeOfDay.ts';

const at = (hour: number, minute = 0) => ({ hour, minute });

describe('readProgrammeLine', () => {
  it.each([
    ['* **19h00-19h15 :** Accueil des participants', at(19), at(19, 15), 'Accueil des participants'],
    [
      '* 19h10-19h25 : Datacenter Unplugged par Mathieu Tortuyaux (@tormath1)',
      at(19, 10),
      at(19, 25),
      'Datacenter Unplugged par Mathieu Tortuyaux (@tormath1)',
    ],
    ['* **20h45 :** Pizza Time', at(20, 45), undefined, 'Pizza Time'],
    ['- 19h à 19h15 : Accueil', at(19), at(19, 15), 'Accueil'],
    ['- 19h15 à 19h30 : Intro', at(19, 15), at(19, 30), 'Intro'],
    ['* 17H30 : Ouverture', at(17, 30), undefined, 'Ouverture'],
    ['* 18 h : Ouverture', at(18), undefined, 'Ouverture'],
    ['6:00pm - 6:30pm Keynote', at(18), at(18, 30), 'Keynote'],
    ['6pm Keynote', undefined, undefined, undefined],
    ['* 6pm Keynote', at(18), undefined, 'Keynote'],
    ['**5:30pm** - doors open', at(17, 30), undefined, 'doors open'],
    ['17:00 - 17:15: Welcome', at(17), at(17, 15), 'Welcome'],
    ['#### 17:30 Greetings', at(17, 30), undefined, 'Greetings'],
    ['10h30 - 11h00', at(10, 30), at(11), ''],
    ['12pm - 12:30pm: Lunch', at(12), at(12, 30), 'Lunch'],
    ['12am: Midnight snack', at(0), undefined, 'Midnight snack'],
    ['7:00 to 8pm: Panel', at(19), at(20), 'Panel'],
  ])('%s', (line, start, end, text) => {
    const read = readProgrammeLine(line);
    if (text === undefined) return expect(read).toBeUndefined();
    expect(read).toEqual({ kind: 'slot', start, end, text });
  });

  it.each([
    ['Rendez-vous à 18 h devant la porte.'],
    ['18 heures de vol'],
    ['2019 il y a eu plusieurs nouvelles'],
    ['19h c’est tôt'],
    ['Comme d’habitude, 5/10 minutes'],
    ['#### Adopter une posture de SRE'],
  ])('leaves prose alone: %s', (line) => {
    expect(readProgrammeLine(line)).toBeUndefined();
  });

  it.each([
    ['* **19h15-25h00 :** Trop long', '25h00'],
    ['* 19h75 : Minutes impossibles', '19h75'],
    ['13:00pm - doors open', '13:00pm'],
    ['* 24:00 : Minuit', '24:00'],
  ])('reports an impossible time: %s', (line, found) => {
    expect(readProgrammeLine(line)).toEqual({ kind: 'bad-time', found });
  });
});

describe('parseTimeRange (YAML `time:`)', () => {
  it('reads ranges and single times, and tells impossible ones from non-times', () => {
    expect(parseTimeRange('19:00-19:15')).toEqual({ start: at(19), end: at(19, 15) });
    expect(parseTimeRange('19h')).toEqual({ start: at(19), end: undefined });
    expect(parseTimeRange('25:00')).toBe('invalid');
    expect(parseTimeRange('tonight')).toBeUndefined();
    expect(parseTimeRange('19:00 Accueil')).toBeUndefined();
  });
});

describe('splitTitleAndSpeakers', () => {
  it.each([
    ['Adopter une posture de SRE - Rénald', 'Adopter une posture de SRE', [{ name: 'Rénald' }]],
    [
      'Introducing TUSK.cloud: challenge our project! - Thomas Goellner',
      'Introducing TUSK.cloud: challenge our project!',
      [{ name: 'Thomas Goellner' }],
    ],
    [
      'Talk par A. Martin & B. Durand (@bdurand)',
      'Talk',
      [{ name: 'A. Martin' }, { name: 'B. Durand', handle: 'bdurand' }],
    ],
    ['Kubernetes - the hard way - Jane Doe', 'Kubernetes - the hard way', [{ name: 'Jane Doe' }]],
    [
      'Observability at scale by Ana Souza, Kim Lee and Tom Roe',
      'Observability at scale',
      [{ name: 'Ana Souza' }, { name: 'Kim Lee' }, { name: 'Tom Roe' }],
    ],
    ['Talk by Jane (Acme Corp)', 'Talk', [{ name: 'Jane', affiliation: 'Acme Corp' }]],
    ['Talk - @solo', 'Talk', [{ name: '@solo', handle: 'solo' }]],
  ])('%s', (text, title, speakers) => {
    expect(splitTitleAndSpeakers(text)).toEqual({ title, speakers });
  });

  it.each([
    ['Observability - at scale'],
    ['Retour d’expérience - SRE'],
    ['Driven by data'],
    ['Questions et feedback pour le prochain meetup'],
  ])('does not split when the right side is not names: %s', (text) => {
    expect(splitTitleAndSpeakers(text).speakers).toEqual([]);
  });
});

import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Agenda, type LightningTalks } from '../../src/agenda/agenda.ts';
import type { MeetupEvent, Slot } from '../../src/agenda/event.ts';
import { readIcal } from '../../src/agenda/formats/ical.ts';
import { cachedZoneClock } from '../../src/agenda/formats/index.ts';
import { calendarFeed, CalendarSequences, communityCalendar, eventCalendar } from '../../src/agenda/icsFeed.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import { harness } from '../support/harness.ts';

const zone = 'Europe/Paris';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toUTC();
const slot = (title: string, start: string, end: string, speaker?: string): Slot => ({
  title,
  kind: 'talk',
  speakers: speaker ? [{ name: speaker }] : [],
  start: at(start),
  end: at(end),
});
const meetup = (id: string, title: string, date: string, extra: Partial<MeetupEvent> = {}): MeetupEvent => ({
  id,
  title,
  start: at(`${date}T19:00`),
  end: at(`${date}T21:00`),
  timezone: zone,
  venue: 'Evaneos, Paris 9e',
  slots: [
    slot('Accueil', `${date}T19:00`, `${date}T19:15`),
    slot('SLOs in practice', `${date}T19:15`, `${date}T19:45`, 'Camille Martin'),
  ],
  warnings: [],
  source: `${id}.md`,
  ...extra,
});
const community = { id: 'sre-paris', name: 'SRE Paris', timezone: zone, locale: 'fr' as const };
const noLightning: LightningTalks = { accepted: async () => [] };
const parse = (text: string) => new ICAL.Component(ICAL.parse(text) as unknown[]);

describe('calendar out', () => {
  it('one VEVENT per meetup, parsed back by ical.js: stable UID, times, venue, programme in DESCRIPTION', async () => {
    const agenda = new Agenda([
      meetup('m-13', '#13 Winter', '2027-01-20'),
      meetup('m-14', '#14 Spring', '2027-03-10', { venue: undefined, online: 'https://video.example/sre' }),
    ]);
    const parts = {
      community,
      lightning: noLightning,
      sequences: new CalendarSequences(memoryStore()),
      now: at('2026-12-01T10:00'),
    };
    const text = await calendarFeed(agenda, parts);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const vevents = parse(text).getAllSubcomponents('vevent');
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual([
      'm-13@sre-paris.emcee',
      'm-14@sre-paris.emcee',
    ]);
    const [winter, spring] = vevents.map((v) => new ICAL.Event(v));
    expect(winter!.startDate.toJSDate().toISOString()).toBe('2027-01-20T18:00:00.000Z');
    expect(winter!.endDate.toJSDate().toISOString()).toBe('2027-01-20T20:00:00.000Z');
    expect(winter!.location).toBe('Evaneos, Paris 9e');
    expect(winter!.description).toContain('19:15-19:45 SLOs in practice - Camille Martin');
    expect(spring!.location).toBe('https://video.example/sre');
    expect(vevents[0]!.getFirstPropertyValue('sequence')).toBe(0);
  });

  it('emcee’s own iCalendar reader reads the programme back as slots', async () => {
    const event = meetup('m-13', '#13 Winter', '2027-01-20');
    const text = await eventCalendar(event, {
      community,
      lightning: noLightning,
      sequences: new CalendarSequences(memoryStore()),
      now: at('2026-12-01T10:00'),
    });
    const read = readIcal({ path: 'feed.ics', text, timezone: zone, zoneClock: cachedZoneClock() });
    expect(read.kind).toBe('events');
    if (read.kind !== 'events') return;
    expect(read.events[0]!.slots.map((s) => [s.title, s.start?.toISO()])).toEqual(
      event.slots.map((s) => [s.title, s.start?.toISO()]),
    );
  });

  it('SEQUENCE grows when a meetup changes (moved, or a lightning talk accepted), and only then', async () => {
    const sequences = new CalendarSequences(memoryStore());
    let accepted: Slot[] = [];
    const parts = { community, lightning: { accepted: async () => accepted }, sequences, now: at('2026-12-01T10:00') };
    const sequenceOf = async (event: MeetupEvent) =>
      parse(await eventCalendar(event, parts))
        .getFirstSubcomponent('vevent')!
        .getFirstPropertyValue('sequence');
    const first = meetup('m-13', '#13 Winter', '2027-01-20');
    expect(await sequenceOf(first)).toBe(0);
    expect(await sequenceOf(first)).toBe(0);
    expect(await sequenceOf(meetup('m-13', '#13 Winter', '2027-01-27'))).toBe(1);
    accepted = [{ title: 'Chaos à la carte', kind: 'lightning', minutes: 5, speakers: [{ name: 'Jo' }] }];
    const text = await eventCalendar(meetup('m-13', '#13 Winter', '2027-01-27'), parts);
    expect(parse(text).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2);
    expect(new ICAL.Event(parse(text).getFirstSubcomponent('vevent')!).description).toContain(
      'Chaos à la carte (5 min) - Jo',
    );
  });
});

describe('/agenda … ics', () => {
  it('answers with the meetup as a calendar attachment, in the reader’s language', async () => {
    const bot = await harness({ now: '2026-12-01T10:00:00+01:00' });
    const outcome = await bot.run('/agenda 13 ics', { locale: 'en' });
    expect(outcome.kind).toBe('reply');
    if (outcome.kind !== 'reply') return;
    const attachment = outcome.blocks.flatMap((block) => (block.type === 'attachment' ? [block.attachment] : []))[0];
    expect(attachment).toMatchObject({
      filename: '2027-01-20-meetup-13.ics',
      contentType: 'text/calendar; charset=utf-8',
    });
    const vevent = parse(attachment!.content).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe('2027-01-20-meetup-13@sre-paris.emcee');
    expect(bot.words(outcome)).toContain('the calendar file to open with your calendar app');
  });
});

describe('the community feed an HTTP endpoint serves', () => {
  it('holds every meetup of the community, from the running app’s services', async () => {
    const bot = await harness({ now: '2026-12-01T10:00:00+01:00' });
    const community = [...bot.app.communities.values()][0]!;
    const text = await communityCalendar(bot.app.services, community, DateTime.utc());
    const uids = parse(text)
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('uid'));
    expect(uids).toHaveLength(bot.app.services.agenda(community.id).all().length);
    expect(uids).toContain('2027-01-20-meetup-13@sre-paris.emcee');
  });
});

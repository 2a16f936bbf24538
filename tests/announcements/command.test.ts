import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../support/harness.ts';

const ORGANISER = { organiser: true } as const;
const EN = { organiser: true, locale: 'en' } as const;

describe('/announce', () => {
  let h: Harness;
  beforeEach(async () => {
    // A Monday morning in Paris, winter time.
    h = await harness({ now: '2026-11-23T10:00:00+01:00' });
  });
  afterEach(async () => h.app.close());

  it('is for organisers only', async () => {
    expect(await h.say('/announce list')).toBe('/announce est réservé aux organisateurs de Site Reliability Engineering Paris.');
    expect(await h.say('/announce list', { roles: ['Organisateurs'] })).toContain('Annonces programmées');
  });

  it('schedules a one-shot in the community’s zone and a recurring one, and lists each with its next 3 runs', async () => {
    expect(await h.say('/announce at:"2026-12-01 18:00" message:"Ce soir : {next_event}"', ORGANISER)).toBe(
      'Annonce n°1 programmée dans #annonces pour le mardi 1 décembre 2026, 18:00.',
    );
    expect(await h.say('/announce cron:"0 10 * * 1" message:"Les news du lundi"', EN)).toBe(
      'Announcement #2 scheduled in #annonces. Next runs: Monday, November 30, 2026, 10:00 AM, Monday, December 7, 2026, 10:00 AM, Monday, December 14, 2026, 10:00 AM.',
    );
    const list = await h.say('/announce list', EN);
    expect(list).toContain('== Scheduled announcements of Site Reliability Engineering Paris ==');
    expect(list).toContain('Meetup reminders → #annonces: 7 days, 1 day, 1 hour before, doors open, feedback prompt at the end');
    expect(list).toContain('#1 once → #annonces: Ce soir : {next_event}\n      next: Tuesday, December 1, 2026, 6:00 PM');
    expect(list).toContain('#2 cron “0 10 * * 1” (Paris time) → #annonces: Les news du lundi\n      next: Monday, November 30, 2026, 10:00 AM, Monday, December 7');
    expect(await h.say('/announce list', ORGANISER)).toMatch(/n°2 cron «\s?0 10 \* \* 1\s?» \(à l’heure de Paris\) → #annonces/);
  });

  it('cancels, pauses and resumes by number', async () => {
    await h.run('/announce cron:"0 10 * * 1" message:"news"', ORGANISER);
    expect(await h.say('/announce pause 1', EN)).toContain('Announcement #1 paused.');
    expect(await h.say('/announce pause 1', EN)).toBe('Announcement #1 is already paused.');
    expect(await h.say('/announce list', EN)).toContain('news\n      paused');
    expect(await h.say('/announce resume 1', EN)).toBe('Announcement #1 resumed.');
    expect(await h.say('/announce list', EN)).toContain('next: Monday, November 30');
    expect(await h.say('/announce cancel 1', EN)).toBe('Announcement #1 cancelled.');
    expect(await h.say('/announce cancel 1', EN)).toBe('There is no announcement #1. /announce list shows them.');
    expect(await h.say('/announce pause', EN)).toBe('/announce pause needs id: some text of at most 20 characters. For example: /announce pause 3\nYou typed: /announce pause');
  });

  it('names the faulty cron field (node-cron’s validateDetailed) with an example that works, in fr and en', async () => {
    expect(await h.say('/announce cron:"0 25 * * 1" message:x', EN)).toBe(
      'The cron expression “0 25 * * 1” is not valid: the hour field “25” is not valid. Fields are minute, hour, day of month, month, day of week, e.g. cron:"0 10 * * 1" (Mondays at 10:00, Paris time).',
    );
    expect(await h.say('/announce cron:"0 10 * *" message:x', ORGANISER)).toContain('il faut 5 champs (ou 6, les secondes en premier)');
    expect(await h.say('/announce cron:"0 10 31 2 *" message:x', EN)).toContain('that day never exists in those months');
    expect(await h.say('/announce cron:"0 25 * * 1" message:x', ORGANISER)).toContain('(le lundi à 10:00, à l’heure de Paris)');
  });

  it('refuses a time in the past, an unreadable time, an unknown channel, a message over 2,000 characters, an unknown placeholder', async () => {
    expect(await h.say('/announce at:"2026-11-20 18:00" message:x', EN)).toBe(
      'Friday, November 20, 2026, 6:00 PM is already past. Pick a later time, e.g. at:"2026-11-24 18:00".',
    );
    const unreadable = await h.say('/announce at:"demain 18h" message:x', ORGANISER);
    expect(unreadable).toMatch(/Je ne sais pas lire «\s?demain 18h\s?» comme une date et une heure/);
    expect(unreadable).toContain('Écrivez-la à l’heure de Paris comme at:"2026-11-24 18:00"');
    expect(await h.say('/announce at:"demain 18h" message:x', EN)).toContain('Write it in Paris time like at:"2026-11-24 18:00"');
    expect(await h.say('/announce at:"2026-12-01 18:00" message:x channel:general', EN)).toBe(
      'I don’t know the channel “general”. Use one of: #annonces (e.g. channel:annonces).',
    );
    expect(await h.say(`/announce at:"2026-12-01 18:00" message:"${'a'.repeat(2001)}"`, EN)).toBe(
      'The message has 2,001 characters; the limit is 2,000, so that it fits one message on every platform. Shorten it or split it into two announcements.',
    );
    expect(await h.say('/announce at:"2026-12-01 18:00" message:"See {next_meetup}"', EN)).toBe(
      'Unknown placeholder “{next_meetup}”. Available: {next_event}, {next_event_date}, {agenda_link}.',
    );
    expect(await h.say('/announce at:"2026-12-01 18:00" cron:"0 10 * * 1" message:x', EN)).toContain('Give either at: (once) or cron: (recurring), not both.');
    expect(await h.say('/announce at:"2026-12-01 18:00"', EN)).toBe('An announcement needs a message, e.g. /announce at:"2026-11-24 18:00" message:"See you tonight!"');
    expect(await h.say('/announce', EN)).toContain('Create: /announce at:"2026-11-24 18:00"');
    // Nothing was stored by any refused command.
    expect(await h.say('/announce list', EN)).toContain('No scheduled announcement yet.');
  });

  it('shows the last result of each schedule: posted, failed and why, missed', async () => {
    await h.run('/announce cron:"0 10 * * 1" message:a', ORGANISER);
    await h.run('/announce cron:"0 11 * * 1" message:b', ORGANISER);
    await h.run('/announce cron:"0 12 * * 1" message:c', ORGANISER);
    const repository = h.app.services.announcements;
    const at = Date.parse('2026-11-16T09:00:00Z');
    await repository.saveState('sre-paris', 1, { watermark: at, last: { at, result: 'posted', recordedAt: at } });
    await repository.saveState('sre-paris', 2, { watermark: at, last: { at, result: 'failed', reason: '503 Service Unavailable', recordedAt: at } });
    await repository.saveState('sre-paris', 3, { watermark: at, last: { at, result: 'missed', count: 3, recordedAt: at } });
    const list = await h.say('/announce list', EN);
    expect(list).toContain('last: posted (Monday, November 16, 2026, 10:00 AM)');
    expect(list).toContain('last: failed (Monday, November 16, 2026, 10:00 AM): 503 Service Unavailable');
    expect(list).toContain('last: 3 runs missed, latest Monday, November 16, 2026, 10:00 AM');
  });

  it('shows the runs a catch-up passed over beside the run it posted, until a later run', async () => {
    await h.run('/announce cron:"*/5 * * * *" message:tick', ORGANISER);
    const repository = h.app.services.announcements;
    const at = (minute: number) => Date.parse(`2026-11-23T08:${String(minute).padStart(2, '0')}:00Z`);
    // Back at 09:12 after an outage: 09:05 passed over, 09:10 posted.
    await repository.saveState('sre-paris', 1, { watermark: at(10), last: { at: at(5), result: 'missed', recordedAt: at(12) } });
    await repository.saveState('sre-paris', 1, { watermark: at(10), last: { at: at(10), result: 'posted', recordedAt: at(12) } });
    const list = await h.say('/announce list', EN);
    expect(list).toContain('last: posted (Monday, November 23, 2026, 9:10 AM) · missed while the bot was offline: the run of Monday, November 23, 2026, 9:05 AM');
    expect(await h.say('/announce list', ORGANISER)).toMatch(/manquée pendant l’arrêt du bot\s?: la publication du lundi 23 novembre 2026, 09:05/);
    await repository.saveState('sre-paris', 1, { watermark: at(10), last: { at: at(2), result: 'missed', count: 4, recordedAt: at(12) } });
    expect(await h.say('/announce list', EN)).toContain('missed while the bot was offline: the run of Monday, November 23, 2026, 9:05 AM');
    await repository.saveState('sre-paris', 1, { watermark: at(15), last: { at: at(15), result: 'posted', recordedAt: at(15) } });
    expect(await h.say('/announce list', EN)).not.toContain('missed');
  });
});

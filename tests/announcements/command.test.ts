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
    expect((await h.ask('/announce list')).words).toBe(
      '/announce est réservé aux organisateurs de Site Reliability Engineering Paris.',
    );
    expect((await h.ask('/announce list', { roles: ['Organisateurs'] })).words).toContain('Annonces programmées');
  });

  it('schedules a one-shot in the community’s zone and a recurring one, and lists each with its next 3 runs', async () => {
    expect((await h.ask('/announce at:"2026-12-01 18:00" message:"Ce soir : {next_event}"', ORGANISER)).words).toBe(
      'Annonce n°1 programmée dans #annonces pour le 2026-12-01 18:00.',
    );
    expect((await h.ask('/announce cron:"0 10 * * 1" message:"Les news du lundi"', EN)).words).toBe(
      'Announcement #2 scheduled in #annonces. Next runs: 2026-11-30 10:00, 2026-12-07 10:00, 2026-12-14 10:00.',
    );
    const list = (await h.ask('/announce list', EN)).words;
    expect(list).toContain('# Scheduled announcements of Site Reliability Engineering Paris');
    expect(list).toContain(
      'Meetup reminders → #annonces: 7 days, 1 day, 1 hour before, doors open, feedback prompt at the end',
    );
    expect(list).toContain('#1 once → #annonces: Ce soir : {next_event}\n  next: 2026-12-01 18:00');
    expect(list).toContain(
      '#2 cron “0 10 * * 1” (Paris time) → #annonces: Les news du lundi\n  next: 2026-11-30 10:00, 2026-12-07 10:00',
    );
    expect((await h.ask('/announce list', ORGANISER)).words).toMatch(
      /n°2 cron «\s?0 10 \* \* 1\s?» \(à l’heure de Paris\) → #annonces/,
    );
  });

  it('cancels, pauses and resumes by number', async () => {
    await h.run('/announce cron:"0 10 * * 1" message:"news"', ORGANISER);
    expect((await h.ask('/announce pause 1', EN)).words).toContain('Announcement #1 paused.');
    expect((await h.ask('/announce pause 1', EN)).words).toBe('Announcement #1 is already paused.');
    expect((await h.ask('/announce list', EN)).words).toContain('news\n  paused');
    expect((await h.ask('/announce resume 1', EN)).words).toBe('Announcement #1 resumed.');
    expect((await h.ask('/announce list', EN)).words).toContain('next: 2026-11-30 10:00');
    expect((await h.ask('/announce cancel 1', EN)).words).toBe('Announcement #1 cancelled.');
    expect((await h.ask('/announce cancel 1', EN)).words).toBe(
      'There is no announcement #1. /announce list shows them.',
    );
    expect((await h.ask('/announce pause', EN)).words).toBe(
      '/announce pause needs id: some text of at most 20 characters. For example: /announce pause 3\nYou typed: /announce pause',
    );
  });

  it('names the faulty cron field (node-cron’s validateDetailed) with an example that works, in fr and en', async () => {
    expect((await h.ask('/announce cron:"0 25 * * 1" message:x', EN)).words).toBe(
      'The cron expression “0 25 * * 1” is not valid: the hour field “25” is not valid. Fields are minute, hour, day of month, month, day of week, e.g. cron:"0 10 * * 1" (Mondays at 10:00, Paris time).',
    );
    expect((await h.ask('/announce cron:"0 10 * *" message:x', ORGANISER)).words).toContain(
      'il faut 5 champs (ou 6, les secondes en premier)',
    );
    expect((await h.ask('/announce cron:"0 10 31 2 *" message:x', EN)).words).toContain(
      'that day never exists in those months',
    );
    expect((await h.ask('/announce cron:"0 25 * * 1" message:x', ORGANISER)).words).toContain(
      '(le lundi à 10:00, à l’heure de Paris)',
    );
  });

  it('refuses a time in the past, an unreadable time, an unknown channel, a message over 2,000 characters, an unknown placeholder', async () => {
    expect((await h.ask('/announce at:"2026-11-20 18:00" message:x', EN)).words).toBe(
      '2026-11-20 18:00 is already past. Pick a later time, e.g. at:"2026-11-24 18:00".',
    );
    const unreadable = (await h.ask('/announce at:"demain 18h" message:x', ORGANISER)).words;
    expect(unreadable).toMatch(/Je ne sais pas lire «\s?demain 18h\s?» comme une date et une heure/);
    expect(unreadable).toContain('Écrivez-la à l’heure de Paris comme at:"2026-11-24 18:00"');
    expect((await h.ask('/announce at:"demain 18h" message:x', EN)).words).toContain(
      'Write it in Paris time like at:"2026-11-24 18:00"',
    );
    expect((await h.ask('/announce at:"2026-12-01 18:00" message:x channel:general', EN)).words).toBe(
      'I don’t know the channel “general”. Use one of: #annonces (e.g. channel:annonces).',
    );
    expect((await h.ask(`/announce at:"2026-12-01 18:00" message:"${'a'.repeat(2001)}"`, EN)).words).toBe(
      'The message has 2,001 characters; the limit is 2,000, so that it fits one message on every platform. Shorten it or split it into two announcements.',
    );
    expect((await h.ask('/announce at:"2026-12-01 18:00" message:"See {next_meetup}"', EN)).words).toBe(
      'Unknown placeholder “{next_meetup}”. Available: {next_event}, {next_event_date}, {agenda_link}.',
    );
    expect((await h.ask('/announce at:"2026-12-01 18:00" cron:"0 10 * * 1" message:x', EN)).words).toContain(
      'Give either at: (once) or cron: (recurring), not both.',
    );
    expect((await h.ask('/announce at:"2026-12-01 18:00"', EN)).words).toBe(
      'An announcement needs a message, e.g. /announce at:"2026-11-24 18:00" message:"See you tonight!"',
    );
    expect((await h.ask('/announce', EN)).words).toContain('Create: /announce at:"2026-11-24 18:00"');
    // Nothing was stored by any refused command.
    expect((await h.ask('/announce list', EN)).words).toContain('No scheduled announcement yet.');
  });

  it('shows the last result of each schedule: posted, failed and why, missed', async () => {
    await h.run('/announce cron:"0 10 * * 1" message:a', ORGANISER);
    await h.run('/announce cron:"0 11 * * 1" message:b', ORGANISER);
    await h.run('/announce cron:"0 12 * * 1" message:c', ORGANISER);
    const repository = h.app.services.announcements;
    const at = Date.parse('2026-11-16T09:00:00Z');
    await repository.saveState('sre-paris', 1, { watermark: at, last: { at, result: 'posted', recordedAt: at } });
    await repository.saveState('sre-paris', 2, {
      watermark: at,
      last: { at, result: 'failed', reason: '503 Service Unavailable', recordedAt: at },
    });
    await repository.saveState('sre-paris', 3, {
      watermark: at,
      last: { at, result: 'missed', count: 3, recordedAt: at },
    });
    const list = (await h.ask('/announce list', EN)).words;
    expect(list).toContain('last: posted (2026-11-16 10:00)');
    expect(list).toContain('last: failed (2026-11-16 10:00): 503 Service Unavailable');
    expect(list).toContain('last: 3 runs missed, latest 2026-11-16 10:00');
  });

  it('shows the runs a catch-up passed over beside the run it posted, until a later run', async () => {
    await h.run('/announce cron:"*/5 * * * *" message:tick', ORGANISER);
    const repository = h.app.services.announcements;
    const at = (minute: number) => Date.parse(`2026-11-23T08:${String(minute).padStart(2, '0')}:00Z`);
    // Back at 09:12 after an outage: 09:05 passed over, 09:10 posted.
    await repository.saveState('sre-paris', 1, {
      watermark: at(10),
      last: { at: at(5), result: 'missed', recordedAt: at(12) },
    });
    await repository.saveState('sre-paris', 1, {
      watermark: at(10),
      last: { at: at(10), result: 'posted', recordedAt: at(12) },
    });
    const list = (await h.ask('/announce list', EN)).words;
    expect(list).toContain(
      'last: posted (2026-11-23 09:10) · missed while the bot was offline: the run of 2026-11-23 09:05',
    );
    expect((await h.ask('/announce list', ORGANISER)).words).toMatch(
      /manquée pendant l’arrêt du bot\s?: la publication du 2026-11-23 09:05/,
    );
    await repository.saveState('sre-paris', 1, {
      watermark: at(10),
      last: { at: at(2), result: 'missed', count: 4, recordedAt: at(12) },
    });
    expect((await h.ask('/announce list', EN)).words).toContain(
      'missed while the bot was offline: the run of 2026-11-23 09:05',
    );
    await repository.saveState('sre-paris', 1, {
      watermark: at(15),
      last: { at: at(15), result: 'posted', recordedAt: at(15) },
    });
    expect((await h.ask('/announce list', EN)).words).not.toContain('missed');
  });
});

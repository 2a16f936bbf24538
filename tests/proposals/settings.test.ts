import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../src/agenda/event.ts';
import { communitySchema } from '../../src/config/communitySchema.ts';
import { cfpStatus, cfpWindow, proposalSettingsSchema } from '../../src/proposals/settings.ts';

const event = {
  id: '2027-01-20-meetup-13',
  title: '#13',
  start: DateTime.fromISO('2027-01-20T19:00', { zone: 'Europe/Paris' }).toUTC(),
  end: DateTime.fromISO('2027-01-20T22:00', { zone: 'Europe/Paris' }).toUTC(),
  timezone: 'Europe/Paris',
  slots: [],
  warnings: [],
  source: 'test',
} satisfies MeetupEvent;

const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

describe('proposals settings', () => {
  it('defaults to 4 slots, 3 open proposals a member, 5 or 10 minutes, open until the event starts', () => {
    const base = { name: 'X', timezone: 'Europe/Paris', locale: 'fr' };
    const parsed = communitySchema.parse(base);
    expect(parsed.proposals).toEqual({ capacity: 4, maxOpenPerMember: 3, durations: [5, 10], cfp: { closes: 'PT0S' } });
  });

  it('reads the window as ISO durations or days before the event', () => {
    const settings = proposalSettingsSchema.parse({ capacity: 2, cfp: { opens: 30, closes: 'pt12h' } });
    expect(settings.cfp).toEqual({ opens: 'P30D', closes: 'PT12H' });
    const window = cfpWindow(event, settings);
    expect(window.opens?.setZone('Europe/Paris').toISO()).toBe('2026-12-21T19:00:00.000+01:00');
    expect(window.closes.setZone('Europe/Paris').toISO()).toBe('2027-01-20T07:00:00.000+01:00');
    expect(cfpStatus(event, settings, paris('2026-12-01T10:00'))).toBe('not-yet');
    expect(cfpStatus(event, settings, paris('2027-01-01T10:00'))).toBe('open');
    expect(cfpStatus(event, settings, paris('2027-01-20T08:00'))).toBe('closed');
    expect(cfpStatus(event, settings, paris('2027-01-20T19:00'))).toBe('past');
  });

  it('names the field and the expected form of a bad value, and refuses unknown keys', () => {
    const bad = communitySchema.safeParse({
      name: 'X',
      timezone: 'Europe/Paris',
      locale: 'fr',
      proposals: { cfp: { opens: 'a month' }, capacty: 3 },
    });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    expect(issues).toContainEqual({
      path: 'proposals.cfp.opens',
      message: expect.stringContaining('ISO 8601 duration'),
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'proposals' }));
    const durations = proposalSettingsSchema.safeParse({ durations: [5, 5] });
    expect(durations.error?.issues[0]?.message).toBe('durations must not repeat');
  });
});

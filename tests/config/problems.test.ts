import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readableDuration } from '../../src/config/durations.ts';
import { loadConfig } from '../../src/config/load.ts';
import { closest, formatProblem } from '../../src/config/problems.ts';
import { keysAt } from '../../src/config/schemaKeys.ts';

const COMMUNITY = 'name: SRE\ntimezone: Europe/Paris\nlocale: fr\n';

/** A config folder with one community file and, optionally, event files. */
function configWith(community: string, events: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-problems-'));
  mkdirSync(path.join(dir, 'communities'));
  mkdirSync(path.join(dir, 'events', 'meetup'), { recursive: true });
  writeFileSync(path.join(dir, 'communities', 'meetup.yaml'), community);
  for (const [name, text] of Object.entries(events)) writeFileSync(path.join(dir, 'events', 'meetup', name), text);
  return dir;
}

async function messages(community: string, events?: Record<string, string>): Promise<string[]> {
  return (await loadConfig(configWith(community, events))).problems.map(formatProblem);
}

describe('typo suggestions', () => {
  it('counts two swapped letters as one edit, so `titel` is `title`, not `time`', () => {
    expect(closest('titel', ['time', 'start', 'end', 'title', 'kind'])).toBe('title');
    expect(closest('adress', ['venue', 'address'])).toBe('address');
    expect(closest('colour', ['time', 'start'])).toBeUndefined();
  });

  it('suggests `title` for a slot of an event file, among that slot’s fields', async () => {
    const event = 'title: "#3 Winter"\ndate: 2026-12-09T19:00\nslots:\n  - time: 19:00-19:30\n    titel: Talk\n';
    const all = await messages(COMMUNITY, { 'e.yaml': event });
    expect(all).toContainEqual(
      expect.stringMatching(
        /e\.yaml:5, field `slots\[0\]\.titel`: unknown field "titel" \(fix: did you mean "title"\?/,
      ),
    );
  });

  it('suggests only the fields of the object the typo is in', async () => {
    const [message] = await messages(`${COMMUNITY}channels:\n  nmae: general\n`);
    expect(message).toContain('unknown field `nmae`: known fields: announcements, organisers');
  });
});

describe('limits in our words', () => {
  it('says "at most" and "at least" with the unit, not zod’s "Too big"', async () => {
    const all = await messages(
      'name: ""\ntimezone: Europe/Paris\nlocale: fr\nfeedback:\n  windowDays: 400\nproposals:\n  durations: []\nschedule:\n  retries: 50\n',
    );
    expect(all).toEqual([
      expect.stringMatching(/:1, field `name`: found "", expected at least 1 character$/),
      expect.stringMatching(/:5, field `feedback\.windowDays`: found 400, expected at most 365$/),
      expect.stringMatching(/:7, field `proposals\.durations`: found \[\], expected at least 1 item$/),
      expect.stringMatching(/:9, field `schedule\.retries`: found 50, expected at most 10$/),
    ]);
    expect(all.join('\n')).not.toMatch(/Too (big|small)|>=|<=/);
  });

  it('in event files too, keeping the schema’s own wording where it has one', async () => {
    const event =
      'date: 2026-12-09T19:00\nslots:\n  - time: 19:00-19:30\n    title: Talk\n    speakers:\n      - handle: jane\n      - name: ""\n';
    const all = await messages(COMMUNITY, { 'e.yaml': event });
    expect(all).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /e\.yaml:7, field `slots\[0\]\.speakers\[1\]\.name`: found "", expected at least 1 character$/,
        ),
        expect.stringMatching(/field `title`: missing: expected the title/),
        expect.stringMatching(/e\.yaml:6, field `slots\[0\]\.speakers\[0\]\.name`: is required \(text expected\)$/),
      ]),
    );
    expect(all.join('\n')).not.toMatch(/Too (big|small)|Invalid input/);
  });

  it('names a wrong type in words an organiser knows', async () => {
    const [message] = await messages(`${COMMUNITY}reminders:\n  enabled: "yes"\n`);
    expect(message).toMatch(/field `reminders\.enabled`: found "yes", expected true or false$/);
  });
});

describe('durations as people read them', () => {
  it('reads ISO 8601 durations and milliseconds', () => {
    expect(readableDuration('P7D')).toBe('7 days');
    expect(readableDuration('PT1H')).toBe('1 hour');
    expect(readableDuration('pt1h30m')).toBe('1 hour and 30 minutes');
    expect(readableDuration(7 * 86_400_000)).toBe('7 days');
    expect(readableDuration(100)).toBe('100 milliseconds');
    expect(readableDuration('soon')).toBeUndefined();
  });

  it('shows what was written and the allowed range in words', async () => {
    const [message] = await messages(`${COMMUNITY}schedule:\n  startingDeadline: P30D\n`);
    expect(message).toMatch(
      /field `schedule\.startingDeadline`: found "P30D" \(30 days\), expected an ISO 8601 duration from 1 second to 7 days, such as "PT10M" \(10 minutes\)$/,
    );
  });
});

describe('the fields of one object', () => {
  it('are found through optional, default and list wrappers', () => {
    const talk = z.strictObject({ title: z.string(), minutes: z.number() });
    const schema = z.strictObject({
      title: z.string(),
      talks: z.array(talk).default([]),
      venue: z.strictObject({ name: z.string() }).optional(),
    });
    expect(keysAt(schema, [])).toEqual(['title', 'talks', 'venue']);
    expect(keysAt(schema, ['talks', 2])).toEqual(['title', 'minutes']);
    expect(keysAt(schema, ['venue'])).toEqual(['name']);
    expect(keysAt(schema, ['nowhere'])).toEqual([]);
  });
});

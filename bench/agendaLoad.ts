import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { luxonZoneClock, type ZoneClock } from '../src/agenda/formats/index.ts';
import { loadEventFolder } from '../src/agenda/load.ts';
import type { BenchRow } from './stats.ts';

const FILES = 10_000;
/** Communities on three continents, so offsets are looked up for more than one zone. */
const ZONES = ['Europe/Paris', 'America/Toronto', 'Australia/Sydney', 'Asia/Kolkata'];

/** A meetup calendar as a meetup platform exports it: TZID without VTIMEZONE, the programme in DESCRIPTION. */
function calendarFile(n: number, zone: string): string {
  const day = DateTime.fromObject({ year: 2010, month: 1, day: 6 }, { zone: 'utc' }).plus({ days: 3 * n });
  const date = day.toFormat('yyyyMMdd');
  const description = [
    `Meetup ${n}.`,
    '19:00 Accueil',
    `19:15-19:45 SLOs in practice ${n} - Camille Martin (@camille)`,
    'Speaker: Camille Martin, SRE at Example',
    `19:50-20:20 On-call without tears ${n} - Sam Lee`,
    '20:30 Apéro',
  ].join('\\n');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//EN',
    'BEGIN:VEVENT',
    `UID:meetup-${n}@bench.example.org`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID=${zone}:${date}T190000`,
    `DTEND;TZID=${zone}:${date}T220000`,
    `SUMMARY:#${n} Bench meetup`,
    'LOCATION:Salle 1',
    `DESCRIPTION:${description}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

interface Timing {
  /** Wall-clock time. */
  ms: number;
  /** CPU time of the process (all threads): what the load costs, whatever else runs on the machine. */
  cpuMs: number;
}

async function timeLoad(dir: string, zoneClock?: ZoneClock): Promise<Timing> {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const { events, problems } = await loadEventFolder(dir, 'Europe/Paris', zoneClock ? { zoneClock } : {});
  const [ms, used] = [performance.now() - start, process.cpuUsage(cpu)];
  if (events.length !== FILES || problems.length > 0) throw new Error(`loaded ${events.length} of ${FILES} events, ${problems.length} problem(s)`);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Loading 10,000 event files (goal < 2 s): the loader as it runs, with its per-zone, per-year offset
 * table, against the same files read with luxon zone look-ups for every time, in the same run.
 */
export async function benchAgendaLoad(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-bench-load-'));
  try {
    await Promise.all(Array.from({ length: FILES }, (_, n) => writeFile(path.join(dir, `meetup-${n}.ics`), calendarFile(n, ZONES[n % ZONES.length] as string))));
    // One untimed load first: the file cache and the JIT warm up for both runs alike.
    await timeLoad(dir);
    const baseline = await timeLoad(dir, luxonZoneClock);
    const ours = await timeLoad(dir);
    const name = `load ${FILES} event files (.ics, ${ZONES.length} zones)`;
    return [
      { name, value: ours.ms, unit: 'ms', goal: '< 2000 ms', met: ours.ms < 2000, baseline: { name: 'luxon zone look-ups for every time', value: baseline.ms } },
      { name: `${name}, CPU time`, value: ours.cpuMs, unit: 'ms', baseline: { name: 'luxon zone look-ups for every time', value: baseline.cpuMs } },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

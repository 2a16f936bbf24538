import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { luxonZoneClock, type ZoneClock } from '../src/agenda/formats/index.ts';
import { loadEventFolder } from '../src/agenda/load.ts';
import { readFrontMatter } from '../src/agenda/parse/frontMatter.ts';
import { readPageTree } from '../src/agenda/parse/markdown/tree.ts';
import { percentile, type BenchRow } from './stats.ts';

const FILES = 10_000;
const LOAD_ROUNDS = 5;
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

/** A meetup page as Hugo sites publish them, in French or English, a week apart from 2000 on. */
function pageFile(n: number): string {
  const date = DateTime.fromObject({ year: 2000, month: 1, day: 5, hour: 19 }, { zone: 'Europe/Paris' }).plus({
    weeks: n,
  });
  const abstract = 'Error budgets, burn rates and the meetings that follow. '.repeat(4);
  if (n % 2 === 0) {
    return (
      `---\ntitle: "#${n} Site Reliability Engineering Paris"\ndate: ${date.toISO()}\nvenue: "Salle ${n % 20}, Paris"\n---\n### Programme\n\n` +
      `* **19h00-19h15 :** Accueil des participants\n* **19h15-19h45 :** SLOs in practice ${n} - Camille Martin\n` +
      `* **19h45-20h15 :** On-call without tears ${n} - Sam Lee\n* **20h15-21h00 :** Apéro\n\n#### SLOs in practice ${n}\n\n` +
      `**Speaker:** Camille Martin, SRE @ Example\n\n**Description:** ${abstract}\n`
    );
  }
  return (
    `---\ntitle: "Cloud Native Meetup ${n}"\ndate: ${date.toFormat('yyyy-MM-dd')} 18:30\n---\nJoin us at [Example HQ](https://example.org/hq) for talks and pizza.\n\n` +
    `## Agenda\n\n- **6:30pm** - doors open\n- 7:00pm - 7:30pm: Platform engineering ${n} by Ada Martin (@ada)\n` +
    `- 7:30pm - 8:00pm: eBPF in production by Bo Chen\n- 8:00pm - 9:00pm: Networking and pizza\n\n` +
    `### Platform engineering ${n}\n\n* Speaker Name: Ada Martin\n* Speaker bio: Ada runs the platform team at Example.\n* Talk Abstract: ${abstract}\n`
  );
}

const medianOf = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Timing {
  /** Wall-clock time. */
  ms: number;
  /** CPU time of the process (all threads): what the load costs, whatever else runs on the machine. */
  cpuMs: number;
}

/** The Markdown parser alone over every page body: what reading pages cost before the plain reader. */
function timeParser(texts: readonly string[]): Timing {
  const bodies = texts.map((text) => {
    const read = readFrontMatter(text);
    return read.ok ? read.frontMatter.body : text;
  });
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  for (const body of bodies) readPageTree(body, 1);
  const [ms, used] = [performance.now() - start, process.cpuUsage(cpu)];
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function timeLoad(dir: string, zoneClock?: ZoneClock): Promise<Timing> {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const { events, problems } = await loadEventFolder(dir, 'Europe/Paris', zoneClock ? { zoneClock } : {});
  const [ms, used] = [performance.now() - start, process.cpuUsage(cpu)];
  if (events.length !== FILES || problems.length > 0)
    throw new Error(`loaded ${events.length} of ${FILES} events, ${problems.length} problem(s)`);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Loading 10,000 event files (goal < 2 s): Markdown pages, then calendar files read by the loader
 * with its per-zone, per-year offset table against luxon zone look-ups for every time, in the same run.
 */
export async function benchAgendaLoad(): Promise<BenchRow[]> {
  return [...(await benchPagesLoad()), ...(await benchCalendarsLoad())];
}

/**
 * Loading 10,000 Markdown meetup pages (goal < 2 s), against the Markdown parser alone on the same
 * bodies, in the same run. The first load of the process (the JIT still cold) is shown on its own.
 */
async function benchPagesLoad(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-bench-pages-'));
  try {
    const texts = Array.from({ length: FILES }, (_, n) => pageFile(n));
    await Promise.all(texts.map((text, n) => writeFile(path.join(dir, `meetup-${n}.md`), text)));
    const first = await timeLoad(dir);
    // Several loads, their median, before the parser runs: its garbage (10 s of syntax trees)
    // would otherwise be collected during our one load and count against it.
    const loads: Timing[] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) loads.push(await timeLoad(dir));
    const ours = { ms: medianOf(loads.map((load) => load.ms)), cpuMs: medianOf(loads.map((load) => load.cpuMs)) };
    const baseline = timeParser(texts);
    const name = `load ${FILES} Markdown pages (median of ${LOAD_ROUNDS})`;
    const parser = 'the Markdown parser alone on every page';
    return [
      { name: `${name}, first load of the process`, value: first.ms, unit: 'ms' },
      {
        name,
        value: ours.ms,
        unit: 'ms',
        goal: '< 2000 ms',
        met: ours.ms < 2000,
        baseline: { name: parser, value: baseline.ms },
      },
      { name: `${name}, CPU time`, value: ours.cpuMs, unit: 'ms', baseline: { name: parser, value: baseline.cpuMs } },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchCalendarsLoad(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'emcee-bench-load-'));
  try {
    await Promise.all(
      Array.from({ length: FILES }, (_, n) =>
        writeFile(path.join(dir, `meetup-${n}.ics`), calendarFile(n, ZONES[n % ZONES.length] as string)),
      ),
    );
    // One untimed load first: the file cache and the JIT warm up for both runs alike.
    await timeLoad(dir);
    const baseline = await timeLoad(dir, luxonZoneClock);
    const ours = await timeLoad(dir);
    const name = `load ${FILES} event files (.ics, ${ZONES.length} zones)`;
    return [
      {
        name,
        value: ours.ms,
        unit: 'ms',
        goal: '< 2000 ms',
        met: ours.ms < 2000,
        baseline: { name: 'luxon zone look-ups for every time', value: baseline.ms },
      },
      {
        name: `${name}, CPU time`,
        value: ours.cpuMs,
        unit: 'ms',
        baseline: { name: 'luxon zone look-ups for every time', value: baseline.cpuMs },
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

import path from 'node:path';
import { isFrabJson, readFrabJson } from './frabJson.ts';
import { isFrabXml, readFrabXml } from './frabXml.ts';
import { readIcal } from './ical.ts';
import { readJson } from './jsonText.ts';
import type { FormatInput, FormatReading } from './reading.ts';
import { isSessionize, readSessionize } from './sessionize.ts';

export type { FormatInput, FormatReading } from './reading.ts';
export { cachedZoneClock, luxonZoneClock, type ZoneClock } from './zoneClock.ts';

/** The published schedule formats, by file extension. */
export const FORMAT_EXTENSIONS = ['.json', '.xml', '.ics', '.ical'];

type Format = 'json' | 'xml' | 'ical';

/** The format of a file: by its extension, else by how it starts (a calendar saved without `.ics`). */
export function formatOf(file: string, text: string): Format | undefined {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.xml') return 'xml';
  if (extension === '.ics' || extension === '.ical') return 'ical';
  if (extension !== '' && extension !== '.txt') return undefined;
  const head = text.trimStart().slice(0, 100);
  if (/^BEGIN:VCALENDAR/i.test(head)) return 'ical';
  if (/^<(?:\?xml|schedule)/.test(head)) return 'xml';
  return undefined;
}

/** Reads one file of a published format. Never throws: an unexpected failure names the file's problem. */
export function readFormatFile(format: Format, input: FormatInput): FormatReading {
  try {
    if (input.text.trim() === '')
      return {
        kind: 'error',
        problems: [{ message: 'file is empty', fix: 'export the schedule again, or delete the file' }],
      };
    if (format === 'xml') return isFrabXml(input.text) ? readFrabXml(input) : notFrabXml();
    if (format === 'ical') return readIcal(input);
    return readJsonSchedule(input);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      kind: 'error',
      problems: [
        {
          message: `could not be read (${reason})`,
          fix: 'check that the file is a complete export; if it is, report it to the emcee maintainers',
        },
      ],
    };
  }
}

function readJsonSchedule(input: FormatInput): FormatReading {
  const json = readJson(input.text);
  if (!json.ok) return { kind: 'error', problems: [json.problem] };
  if (isFrabJson(json.value)) return readFrabJson(input, json.value);
  if (isSessionize(json.value)) return readSessionize(input, json.value);
  return {
    kind: 'not-event',
    reason:
      'a JSON file that is neither a pretalx/frab schedule (schedule.conference) nor a Sessionize "All Data" export (sessions, speakers)',
  };
}

const notFrabXml = (): FormatReading => ({
  kind: 'not-event',
  reason: 'an XML file that is not a frab schedule (no <schedule> root)',
});

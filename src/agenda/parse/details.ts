import type { Speaker } from '../event.ts';
import type { DraftSlot } from './draft.ts';
import { readBoldNameLead, readByline } from './markdown/bylines.ts';
import type { PageLine } from './markdown/tree.ts';
import { matchKey } from './markdownText.ts';
import { readSlotLine } from './programmeLine.ts';
import { parseDetailSpeakers, splitTitleAndSpeakers } from './speakers.ts';

/**
 * "Détail des présentations": a heading per talk, then labelled lines, in either style of the SRE
 * Paris pages — `**Speaker:** Name, affiliation` / `**Description:** …`, or bullets
 * `* Speaker Name: Name (@handle)` / `* Speaker bio: …` / `* Talk Abstract: …`.
 */
export interface SlotDetails {
  /** matchKey() of the heading without a leading time, and of its title part (`Title - Speaker`). */
  keys: string[];
  speakers: Speaker[];
  abstract?: string;
  /** A bio written before any speaker line, given to the slot's speaker if it has only one. */
  bio?: string;
}

type Field = 'speaker' | 'bio' | 'abstract' | 'affiliation';

const LABELS: Record<string, Field> = {
  speaker: 'speaker',
  speakers: 'speaker',
  'speaker name': 'speaker',
  'speaker names': 'speaker',
  'speaker s': 'speaker',
  orateur: 'speaker',
  oratrice: 'speaker',
  orateurs: 'speaker',
  intervenant: 'speaker',
  intervenante: 'speaker',
  intervenants: 'speaker',
  'presented by': 'speaker',
  'presente par': 'speaker',
  'speaker bio': 'bio',
  bio: 'bio',
  biography: 'bio',
  biographie: 'bio',
  'about the speaker': 'bio',
  description: 'abstract',
  abstract: 'abstract',
  'talk abstract': 'abstract',
  'talk description': 'abstract',
  resume: 'abstract',
  synopsis: 'abstract',
  summary: 'abstract',
  company: 'affiliation',
  entreprise: 'affiliation',
  affiliation: 'affiliation',
  societe: 'affiliation',
};

/** `Speaker: …`, `Talk Abstract : …` in a line's visible text. */
export function readLabel(text: string): { field: Field; value: string } | undefined {
  const match = /^([^:]{2,40}?)\s*:\s*(.*)$/.exec(text);
  const field = match ? LABELS[matchKey(match[1] as string)] : undefined;
  return field && match ? { field, value: (match[2] as string).trim() } : undefined;
}

/**
 * Every heading's section; the caller keeps those whose key matches a slot. A programme line
 * (`20:00`, `* 20h00-20h30 : Closing`) starts another slot, so it ends the section: neither it nor
 * the title written on the line after it belongs to the abstract above.
 */
export function readDetailSections(lines: readonly PageLine[]): SlotDetails[] {
  const sections: SlotDetails[] = [];
  let reader: SectionReader | undefined;
  for (const line of lines) {
    const heading = line.kind === 'heading';
    const slot = heading ? undefined : readSlotLine(line);
    if (heading || line.kind === 'break' || slot) {
      if (reader?.hasContent()) sections.push(reader.finish());
      // A programme line that is not a heading only takes the speakers written right under it.
      reader = heading || slot?.kind === 'slot' ? new SectionReader(line, !heading) : undefined;
    } else reader?.add(line);
  }
  if (reader?.hasContent()) sections.push(reader.finish());
  return sections;
}

/** `#### 17:30 Greetings` details the slot "Greetings"; `## Title - Name` details the slot "Title". */
function headingKeys(line: PageLine): string[] {
  const programme = readSlotLine(line);
  const heading = programme?.kind === 'slot' ? programme.text : line.text;
  return [matchKey(heading), matchKey(splitTitleAndSpeakers(heading).title)];
}

/**
 * Labelled lines set a field; a following line of the same paragraph continues it; a new
 * paragraph continues the abstract, and unlabelled text is abstract too.
 */
class SectionReader {
  private readonly details: SlotDetails;
  private field: Field | undefined;
  private paragraphBreak = false;
  private previous: PageLine | undefined;

  private closed = false;

  constructor(
    private readonly opening: PageLine,
    private readonly speakersOnly = false,
  ) {
    this.details = { keys: [], speakers: [] };
  }

  /** Most programme lines have nothing under them: their keys are not worth computing. */
  hasContent(): boolean {
    return this.details.abstract !== undefined || this.details.speakers.length > 0 || this.details.bio !== undefined;
  }

  add(line: PageLine): void {
    if (this.closed) return;
    if (this.startsParagraph(line))
      this.paragraphBreak = this.field !== undefined || this.details.abstract !== undefined;
    this.previous = line;
    if (line.text === '') return;
    if (this.addSpeakers(line)) return;
    if (this.speakersOnly) {
      this.closed = true;
      return;
    }
    const label = readLabel(line.text);
    if (label) this.setField(label.field, label.value);
    else this.continueField(line.text);
    this.paragraphBreak = false;
  }

  /** `Par Ada et Bo`, or a first paragraph opening with a bold name; its rest is the abstract. */
  private addSpeakers(line: PageLine): boolean {
    const byline = line.first ? readByline(line.text) : undefined;
    if (byline) {
      this.details.speakers.push(...byline);
      this.field = undefined;
      return true;
    }
    const lead =
      line.first && line.kind === 'text' && this.details.speakers.length === 0 && !this.details.abstract
        ? readBoldNameLead(line)
        : undefined;
    if (!lead) return false;
    this.details.speakers.push(lead.speaker);
    this.field = undefined;
    if (lead.rest) this.details.abstract = lead.rest;
    return true;
  }

  /** A new paragraph; the items of one list follow each other like the lines of one paragraph. */
  private startsParagraph(line: PageLine): boolean {
    const previous = this.previous;
    if (!previous || previous.block === line.block) return false;
    return !(previous.kind === 'item' && line.kind === 'item');
  }

  private setField(field: Field, value: string): void {
    this.field = field;
    if (field === 'speaker') this.details.speakers.push(...parseDetailSpeakers(value));
    else if (value !== '') this.append(field, value, '\n\n');
  }

  private continueField(text: string): void {
    this.field = this.paragraphBreak || !this.field ? 'abstract' : this.field;
    this.append(this.field === 'speaker' ? 'bio' : this.field, text, this.paragraphBreak ? '\n\n' : '\n');
  }

  private append(field: Exclude<Field, 'speaker'>, text: string, joiner: string): void {
    if (field === 'abstract') {
      this.details.abstract = this.details.abstract ? this.details.abstract + joiner + text : text;
      return;
    }
    const speaker = this.details.speakers.at(-1);
    if (!speaker && field === 'bio') this.details.bio = join(this.details.bio, text);
    else if (speaker) speaker[field] = join(speaker[field], text);
  }

  finish(): SlotDetails {
    return { ...this.details, keys: headingKeys(this.opening) };
  }
}

const join = (before: string | undefined, text: string): string => (before ? `${before} ${text}` : text);

/** Details enrich the slot whose title matches, by matchKey(); a slot keeps what its line said. */
export function applyDetails(slots: DraftSlot[], sections: readonly SlotDetails[]): void {
  for (const slot of slots) {
    const details = findDetails(slot.title, sections);
    if (!details) continue;
    slot.abstract ??= details.abstract;
    for (const speaker of details.speakers) mergeSpeaker(slot, speaker, details.speakers.length);
    const only = slot.speakers.length === 1 ? slot.speakers[0] : undefined;
    if (details.bio && only) only.bio ??= details.bio;
  }
}

function findDetails(title: string, sections: readonly SlotDetails[]): SlotDetails | undefined {
  const key = matchKey(title);
  if (key === '') return undefined;
  return sections.find(
    (section) => section.keys.includes(key) && (section.abstract || section.speakers.length > 0 || section.bio),
  );
}

function mergeSpeaker(slot: DraftSlot, detail: Speaker, detailCount: number): void {
  const same = slot.speakers.find((speaker) => sameName(speaker.name, detail.name));
  // One name on the line and one in the details: the same person, even if written differently.
  const target = same ?? (slot.speakers.length === 1 && detailCount === 1 ? slot.speakers[0] : undefined);
  if (!target) {
    slot.speakers.push({ ...detail });
    return;
  }
  target.handle ??= detail.handle;
  target.affiliation ??= detail.affiliation;
  target.bio ??= detail.bio;
}

/** `Rénald` on the programme line and `Rénald Dupont` in the details are one person. */
function sameName(a: string, b: string): boolean {
  const [x, y] = [matchKey(a), matchKey(b)];
  return x === y || (x !== '' && y !== '' && (x.startsWith(`${y} `) || y.startsWith(`${x} `)));
}

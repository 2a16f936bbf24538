import { dateLabel } from './pageDate.ts';
import type { PageLine } from './tree.ts';

/**
 * A page that lists several meetups, each under its own `- Date: 30 January, 2020 at 17:00 - 20:00`
 * line followed by its programme: one section of lines per meetup, starting at the heading just
 * above its date line when there is one. Undefined when the page has fewer than two date lines.
 */
export function meetupSections(lines: readonly PageLine[]): PageLine[][] | undefined {
  const dated = lines.flatMap((line, i) => (line.first && dateLabel(line) ? [i] : []));
  if (dated.length < 2) return undefined;
  const starts = dated.map((index, n) => headingAbove(lines, index, n === 0 ? 0 : (dated[n - 1] as number) + 1));
  return starts.map((start, n) => lines.slice(start, starts[n + 1] ?? lines.length));
}

function headingAbove(lines: readonly PageLine[], index: number, floor: number): number {
  for (let i = index - 1; i >= floor; i--) if (lines[i]?.kind === 'heading') return i;
  return index;
}

/** An issue or survey form (`- [x] in person - Paris`, `- [ ] online`) is not a meetup page. */
export const isForm = (lines: readonly PageLine[]): boolean =>
  lines.filter((line) => line.checked !== undefined).length >= 2;

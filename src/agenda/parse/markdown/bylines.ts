import type { Speaker } from '../../event.ts';
import { looksLikeNames, parseNameList, parseSpeaker } from '../speakers.ts';
import { leadingStrong, type PageLine } from './tree.ts';

/**
 * Speakers written under a talk rather than on its line: a paragraph `Par [Ada Martin](…) et
 * [Bo Chen](…)`, or a paragraph that opens with the speaker's bold name (`**Ada Martin** (Acme)
 * shows how…`).
 */
const BYLINE =
  /^(?:par|by|avec|with|présenté(?:e|es|s)? par|presented by|animé(?:e|es|s)? par|speakers?\s*:|intervenants?\s*:)\s+(.+?)\s*\.?$/iu;

export function readByline(text: string): Speaker[] | undefined {
  const match = BYLINE.exec(text.trim());
  const names = match?.[1];
  return names && looksLikeNames(names) ? parseNameList(names) : undefined;
}

/** `**Ada Martin** (Acme) shows how…` → Ada Martin of Acme, and the rest of the paragraph. */
export function readBoldNameLead(line: PageLine): { speaker: Speaker; rest: string } | undefined {
  const name = leadingStrong(line);
  // A first and a last name: one bold word (`**Important**`, `**Note**`) opens prose, not a bio.
  if (!name || name.split(/\s+/).length < 2 || !looksLikeNames(name) || / (?:et|and) /.test(name)) return undefined;
  const after = line.text.slice(line.text.indexOf(name) + name.length);
  const group = /^\s*(\([^)]*\))/.exec(after);
  const speaker = parseSpeaker(`${name}${group ? ` ${group[1]}` : ''}`);
  const rest = after
    .slice(group ? group[0].length : 0)
    .replace(/^[\s,:–—-]+/, '')
    .trim();
  return { speaker, rest };
}

import type { Speaker } from '../event.ts';
import { leadingKind } from './slotKind.ts';

/**
 * Speakers as written in a programme line (`Title - Name`, `Title par A & B (@b)`) or a detail
 * section (`Name, affiliation`). Parentheses are set aside while splitting, so that a comma or an
 * `&` inside them does not split a name.
 */

const NAME_SEPARATOR = /\s*(?:&|,|\+|\bet\b|\band\b)\s*/u;
const PARTICLE = /^(?:de|du|des|da|di|do|dos|das|van|von|der|den|le|la|el|al|ben|bin|y)$/u;
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|@[\w.-]+|d['’]\p{Lu}[\p{L}'’-]*)$/u;

function protectParentheses(text: string): { text: string; restore: (part: string) => string } {
  const groups: string[] = [];
  const protectedText = text.replace(/\([^)]*\)/g, (group) => `\u0000${groups.push(group) - 1}\u0000`);
  return {
    text: protectedText,
    // eslint-disable-next-line no-control-regex -- NUL brackets a set-aside group: it never occurs in a page's text.
    restore: (part) => part.replace(/\u0000(\d+)\u0000/g, (_, i: string) => groups[Number(i)] ?? ''),
  };
}

/** `A & B`, `A et B`, `A, B and C`: one speaker each. */
export function parseNameList(text: string): Speaker[] {
  const { text: flat, restore } = protectParentheses(text);
  return flat
    .split(NAME_SEPARATOR)
    .map((part) => restore(part).trim())
    .filter((part) => part !== '')
    .map(parseSpeaker);
}

/** `Name (@handle)`, `Name (Company)`, `Name @handle`, `@handle`. */
export function parseSpeaker(text: string): Speaker {
  const speaker: Speaker = { name: '' };
  for (const [, inner = ''] of text.matchAll(/\(([^)]*)\)/g)) {
    const handle = handleIn(inner.trim());
    if (handle) speaker.handle ??= handle;
    else if (inner.trim()) speaker.affiliation ??= inner.trim();
  }
  let name = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const trailingHandle = /\s@([\w.-]+)$/.exec(name);
  if (trailingHandle && !speaker.handle) {
    speaker.handle = trailingHandle[1];
    name = name.slice(0, trailingHandle.index).trim();
  }
  if (name.startsWith('@') && !name.includes(' ')) speaker.handle ??= name.slice(1);
  speaker.name = name;
  return speaker;
}

function handleIn(text: string): string | undefined {
  const at = /^@([\w.-]+)$/.exec(text);
  const link = /(?:twitter\.com|x\.com|github\.com)\/@?([\w.-]+)/.exec(text);
  return (at ?? link)?.[1];
}

/** `Ada Martin. She works on …`: the sentences after the name are about the speaker. */
function withBio(speakers: Speaker[], bio: string): Speaker[] {
  return speakers.length === 1 ? [{ ...(speakers[0] as Speaker), bio: bio.trim() }] : speakers;
}

function firstOf(text: string, marks: readonly string[]): number {
  const found = marks.map((mark) => text.indexOf(mark)).filter((index) => index >= 0);
  return found.length === 0 ? -1 : Math.min(...found);
}

/** `Florian Grignon, Head of Infrastructure @ Keeneye`: the name before the first comma, the affiliation after. */
export function parseDetailSpeakers(text: string): Speaker[] {
  const sentence = /^([^.]+?)\.\s+(\p{Lu}.*)$/u.exec(text);
  if (sentence && looksLikeNames(sentence[1] as string))
    return withBio(parseNameList(sentence[1] as string), sentence[2] as string);
  const { text: flat, restore } = protectParentheses(text);
  const comma = firstOf(flat, [',', ' / ', ' | ']);
  const names = restore(comma < 0 ? flat : flat.slice(0, comma));
  const affiliation =
    comma < 0
      ? ''
      : restore(flat.slice(comma + 1))
          .replace(/^\s*[/|]/, '')
          .trim();
  return parseNameList(names).map((speaker) =>
    affiliation ? { ...speaker, affiliation: speaker.affiliation ?? affiliation } : speaker,
  );
}

/** Does this text read as one or more person names (so that `Title - Name` splits there)? */
export function looksLikeNames(text: string): boolean {
  const withoutGroups = text.replace(/\([^)]*\)/g, ' ');
  const names = withoutGroups.split(NAME_SEPARATOR).map((part) => part.trim());
  return names.length > 0 && names.every(isName);
}

function isName(name: string): boolean {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 4) return false;
  if (words.length === 1 && /^[\p{Lu}\d]{2,5}$/u.test(words[0] as string)) return false; // an acronym (SRE, K8S) is a topic
  return (
    words.every((word) => NAME_WORD.test(word) || PARTICLE.test(word)) && words.some((word) => NAME_WORD.test(word))
  );
}

// Explicit words first; a dash (or a table cell border) only when nothing else separates the speaker.
const SEPARATORS = [/\s+(?:par|by)\s+/giu, /\s+[-–—|]\s+/gu];

/** Splits `Title - Speaker` / `Title par A & B (@b)` at the last separator followed by names. */
export function splitTitleAndSpeakers(text: string): { title: string; speakers: Speaker[] } {
  for (const separator of SEPARATORS) {
    const matches = [...text.matchAll(separator)];
    // From the last separator back.
    for (let i = matches.length - 1; i >= 0; i--) {
      const match = matches[i] as RegExpExecArray;
      const title = cleanTitle(text.slice(0, match.index));
      const speakers = readNames(
        text
          .slice(match.index + match[0].length)
          .trim()
          .replace(/\.$/, ''),
      );
      if (title !== '' && speakers) return handleAfterName(title, speakers);
    }
  }
  return { title: cleanTitle(text), speakers: [] };
}

/** `Title - Ada Martin - @ada`: the handle alone is Ada's, not a second speaker. */
function handleAfterName(title: string, speakers: Speaker[]): { title: string; speakers: Speaker[] } {
  const only = speakers.length === 1 ? speakers[0] : undefined;
  if (!only || only.name !== `@${only.handle}`) return { title, speakers };
  const named = splitTitleAndSpeakers(title);
  const person = named.speakers.length === 1 ? named.speakers[0] : undefined;
  return person && !person.handle
    ? { title: named.title, speakers: [{ ...person, handle: only.handle }] }
    : { title, speakers };
}

/**
 * The names after `par`/`-`, with what organisers add after them: a note after a semicolon
 * (`Ada Martin; en français`) and a company after a spaced at (`Ada Martin @ Acme`; `@ada` with no
 * space is a handle).
 */
function readNames(text: string): Speaker[] | undefined {
  const names = text.replace(/\s*;[^;]*$/, '');
  if (looksLikeNames(names)) return parseNameList(names);
  const at = /^(.+?)\s+(?:@|chez)\s+(\S.*)$/u.exec(names);
  if (!at || !looksLikeNames(at[1] as string)) return undefined;
  const speakers = parseNameList(at[1] as string);
  const last = speakers.at(-1) as Speaker;
  last.affiliation ??= (at[2] as string).trim();
  return speakers;
}

/** Titles lose the delimiters that only separated them from a time or a speaker. */
export const cleanTitle = (text: string): string => text.replace(/^[\s:\-–—|]+|[\s:\-–—|,]+$/g, '').trim();

/** Welcome, food and break lines keep their whole text: `Apéro sponsorisé par Evaneos` names a sponsor. */
export function titleAndSpeakers(text: string): { title: string; speakers: Speaker[] } {
  return leadingKind(text) ? { title: cleanTitle(text), speakers: [] } : splitTitleAndSpeakers(text);
}

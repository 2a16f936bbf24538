import type { SlotKind, Speaker } from '../event.ts';
import { isPlainAscii, matchKey } from './markdownText.ts';

/** Each phrase as ` phrase `, so that it matches whole words of ` key ` only. */
const padded = (phrases: readonly string[]): string[] => phrases.map((phrase) => ` ${phrase} `);

/** Keywords in French and English, compared on matchKey() text (no case, accents or punctuation). */
const WELCOME = padded([
  'accueil',
  'meet and greet',
  'meet greet',
  'doors open',
  'door open',
  'doors',
  'ouverture des portes',
  'greetings',
  'welcome',
  'bienvenue',
  'arrivee',
  'check in',
  'registration',
]);
const FOOD = padded([
  'apero',
  'aperitif',
  'pizza',
  'pizzas',
  'pizza time',
  'buffet',
  'drinks',
  'drink',
  'dinner',
  'diner',
  'repas',
  'food',
  'snacks',
  'cocktail',
  'beers',
  'bieres',
]);
const BREAK = padded(['pause', 'break', 'coffee break', 'pause cafe', 'networking']);
/** Phrases that mean the group's own news even when someone is named as presenting them. */
const GROUP_NEWS = padded([
  'programme et nouveautes',
  'presentation du programme',
  'news du groupe',
  'nouvelles du groupe',
  'annonces du groupe',
  'group news',
  'group announcements',
  'announcements of the group',
  'questions et feedback',
  'questions and feedback',
]);
/** Words that mean news only when nobody is named (`Announcement : … par Name` is a talk). */
const NEWS = padded(['news', 'nouveautes', 'annonces', 'annonce', 'announcements', 'announcement', 'feedback', 'q a']);
const LIGHTNING = padded(['lightning', 'lightning talk', 'lightning talks', 'talk eclair', 'talks eclairs']);
const ARTICLES = /^(?:the|le|la|les|l|un|une|petit|petite|grand|grande)\s+/;

/** ` key `, built once per key: the phrases are then found as whole words by plain `includes`. */
const spacedOf = (key: string): string => ` ${key} `;

function has(spaced: string, phrases: readonly string[]): boolean {
  for (const phrase of phrases) if (spaced.includes(phrase)) return true;
  return false;
}

function startsWith(spaced: string, phrases: readonly string[]): boolean {
  for (const phrase of phrases) if (spaced.startsWith(phrase)) return true;
  return false;
}

/**
 * Welcome, food and break when the title starts with one of their words: then `par X` names a
 * sponsor (`Apéro sponsorisé par Evaneos`), not a speaker, so the line is not split.
 */
export function leadingKind(title: string): SlotKind | undefined {
  return leadingKindOfKey(matchKey(title));
}

function leadingKindOfKey(key: string): SlotKind | undefined {
  const lead = spacedOf(key.replace(ARTICLES, ''));
  if (startsWith(lead, WELCOME)) return 'welcome';
  if (startsWith(lead, FOOD)) return 'food';
  if (startsWith(lead, BREAK)) return 'break';
  return undefined;
}

export interface SlotFacts {
  title: string;
  speakers: readonly Speaker[];
  abstract?: string;
  /** Length of the slot, when it has a start and an end. */
  minutes?: number;
}

export function classifySlot(slot: SlotFacts): SlotKind {
  const key = matchKey(slot.title);
  const leading = leadingKindOfKey(key);
  if (leading) return leading;
  const spaced = spacedOf(key);
  if (has(spaced, GROUP_NEWS)) return 'news';
  if (slot.speakers.length === 0) {
    const byKeyword = keywordKind(spaced);
    if (byKeyword) return byKeyword;
  }
  if (has(spaced, LIGHTNING) || (slot.abstract !== undefined && abstractSaysLightning(slot.abstract)))
    return 'lightning';
  if (slot.minutes !== undefined && slot.minutes <= 10) return 'lightning';
  return 'talk';
}

/**
 * The LIGHTNING phrases in an abstract. An abstract is long, and keying it was a large part of
 * classifying a slot: an ASCII abstract whose letters never spell `lightning` or `eclair` cannot
 * hold them once keyed (keying ASCII only lower-cases and turns other characters into spaces).
 */
function abstractSaysLightning(abstract: string): boolean {
  if (isPlainAscii(abstract) && !/lightning|eclair/i.test(abstract)) return false;
  return has(spacedOf(matchKey(abstract)), LIGHTNING);
}

function keywordKind(spaced: string): SlotKind | undefined {
  if (has(spaced, WELCOME)) return 'welcome';
  if (has(spaced, FOOD)) return 'food';
  if (has(spaced, BREAK)) return 'break';
  if (has(spaced, NEWS)) return 'news';
  return undefined;
}

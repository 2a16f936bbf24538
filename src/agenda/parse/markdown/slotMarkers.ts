import { matchKey } from '../markdownText.ts';

/**
 * Programme lines that are not slots of their own: the end of the evening (`21h30 : Fin`,
 * `8:15pm -- End`, `Doors close`, `22h00 à ...`), and placeholders for a talk not known yet
 * (`Todo`, `TBA`, `...`).
 */
const END = [
  'fin',
  'end',
  'the end',
  'doors close',
  'doors closing',
  'fin de soiree',
  'fin de la soiree',
  'fin du meetup',
  'end of the meetup',
  'end of meetup',
  'end of the evening',
  'fermeture des portes',
  'fermeture',
  'closing of the doors',
  'close',
];
const PLACEHOLDER = [
  'todo',
  'to do',
  'tba',
  'tbd',
  'tbc',
  'a venir',
  'a definir',
  'a confirmer',
  'a annoncer',
  'to be announced',
  'to be confirmed',
  'to be defined',
  'to be determined',
  'coming soon',
  'bientot',
];

/** A placeholder slot's title where there is no reader's language (a calendar file); /agenda shows it in the reader's. */
export const PLACEHOLDER_TITLE = 'To be announced';

/** `Fin`, `End`, `Doors close`, or an open range (`à ...`, `to …`) with nothing after it. */
export function isEndMarker(text: string): boolean {
  return END.includes(matchKey(text)) || /^(?:à|a|au|to|till|until|jusqu['’]à)\s*(?:\.{2,}|…|\?+)$/iu.test(text.trim());
}

/** `Todo`, `TBA`, `à venir`, or nothing but dots and question marks. */
export function isPlaceholder(text: string): boolean {
  const trimmed = text.trim();
  return PLACEHOLDER.includes(matchKey(trimmed)) || /^[.…?\s-]+$/u.test(trimmed);
}

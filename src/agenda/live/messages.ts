import { defineMessages } from '../../core/i18n.ts';

/** What organisers are told when an event file or a source stops being readable, and when it is back. */
export const liveMessages = defineMessages({
  en: {
    brokenKept: '{file} can no longer be read: {problem}. /agenda keeps its last good version until it is fixed.',
    brokenLeftOut: '{file} cannot be read: {problem}. It is left out of /agenda until it is fixed.',
    sourceFailing:
      'The source {url} has failed {count} times in a row (last: {reason}). /agenda keeps what it last read from it; I will keep trying.',
    sourceBack: 'The source {url} answers again: /agenda is up to date with it.',
  },
  fr: {
    brokenKept:
      '{file} ne se lit plus : {problem}. /agenda garde sa dernière version correcte jusqu’à ce qu’il soit corrigé.',
    brokenLeftOut: '{file} ne se lit pas : {problem}. Il est laissé hors de /agenda jusqu’à ce qu’il soit corrigé.',
    sourceFailing:
      'La source {url} a échoué {count} fois de suite (dernière fois : {reason}). /agenda garde ce qu’il en a lu en dernier ; je continue d’essayer.',
    sourceBack: 'La source {url} répond de nouveau : /agenda est à jour.',
  },
});

import { defineMessages } from '../core/i18n.ts';

/** Every reply, label and description of /feedback, in both languages. */
export const feedbackMessages = defineMessages({
  en: {
    commandDescription: 'Rate the last meetup and say what to improve (organisers: summary, export)',
    subGive: 'Rate a meetup that just ended (a form, or at once with rating:)',
    subSummary: 'Organisers: the totals and latest comments of a meetup',
    subExport: 'Organisers: every answer of a meetup as a CSV file',
    eventOption: 'Which meetup: a number (12), a date (2026-06-17); default: the last one',
    ratingOption: 'Your overall rating, 1 (poor) to 5 (great): saved at once, no form',
    workedOption: 'What worked well',
    improveOption: 'What to improve, ideas and questions for the next meetup',
    talksOption: 'Talk ratings by number as /feedback lists them, e.g. "1:5 2:4"',

    formTitle: 'Feedback on {event}',
    formTitleAny: 'Feedback on a meetup',
    eventLabel: 'Meetup (number or date)',
    ratingLabel: 'Overall rating, 1 (poor) to 5 (great)',
    workedLabel: 'What worked well',
    workedPlaceholder: 'Talks, venue, timing, people you met…',
    improveLabel: 'To improve, ideas for the next meetup',
    improvePlaceholder: 'Topics you would like, questions, what to change…',
    talksLabel_one: 'Rate the talk: 1:rating, e.g. 1:5',
    talksLabel_other: 'Rate talks 1–{count} as number:rating, e.g. 1:5 2:4',
    talksShort: 'Talk ratings',

    saved: 'Thank you! Your feedback on {event} is saved: {rating}/5.',
    replaced: 'It replaces the answer you gave on {date}: only your latest answer counts.',
    anonymous:
      'Organisers see totals and comments, never who wrote them. You can change your answer with /feedback until {closes}.',
    talksHeading: 'Talks, by the numbers to use in talks:"1:5 2:4"',
    talkRated: '{n}. {title} — {rating}/5',
    talkUnrated: '{n}. {title} — not rated',

    notFound:
      'I can’t find the meetup “{ref}”. Try a number (/feedback 12) or a date (/feedback 2026-06-17). Known: {known}.',
    notEnded: '{event} has not ended yet: feedback opens when it ends, {end}.',
    closed: 'Feedback on {event} closed on {closes}, {days} days after the meetup.',
    noneEnded: 'No meetup has ended yet, so there is nothing to give feedback on.',
    noneOpen: 'No meetup ended in the last {days} days. The last one, {event}, closed for feedback on {closes}.',
    keptHeading: 'What you wrote, so that it is not lost:',
    busy: 'Your previous answer is still being saved. Please try again in a moment.',

    talksSyntax: 'Write talk ratings as number:rating separated by spaces, e.g. 1:5 2:4 (“{part}” is not).',
    talksUnknown: 'There is no talk {n}. The talks: {list}.',
    talksRating: 'Talk {n}: the rating must be a whole number from 1 to 5.',
    talksTwice: 'Talk {n} is rated twice.',
    talksNone: 'This meetup has no talks to rate: leave this field empty.',

    organisersOnly:
      'Only the organisers of {community} can see the feedback summary and export. To give your own feedback: /feedback.',
    summaryHeading: 'Feedback — {event}',
    summaryTotals_one: '{count} answer · average {average}/5',
    summaryTotals_other: '{count} answers · average {average}/5',
    summaryHidden_one:
      '{count} answer so far. Totals, comments and the export appear from {min} answers on, so that nobody can be recognised.',
    summaryHidden_other:
      '{count} answers so far. Totals, comments and the export appear from {min} answers on, so that nobody can be recognised.',
    talksSummaryHeading: 'Talks',
    talkAverage_one: '{n}. {title} — {average}/5 ({count} rating)',
    talkAverage_other: '{n}. {title} — {average}/5 ({count} ratings)',
    talkHidden: '{n}. {title} — fewer than {min} ratings',
    commentsHeading: 'Latest comments ({shown} of {total})',
    noComments: 'No comments yet.',
    commentWorked: 'Worked: {text}',
    commentImprove: 'To improve: {text}',
    exportHint: 'Every answer in full: /feedback export {ref}',
    exported_one: '{count} answer to {event}, one row each (rating, comments, talk ratings).',
    exported_other: '{count} answers to {event}, one row each (rating, comments, talk ratings).',
    unreadable_one: '{count} stored answer could not be read and was left out (details in the logs).',
    unreadable_other: '{count} stored answers could not be read and were left out (details in the logs).',

    csvResponse: 'answer',
    csvDate: 'date',
    csvRating: 'rating',
    csvWorked: 'what worked',
    csvImprove: 'to improve',
    csvTalk: 'talk {n}: {title}',
  },
  fr: {
    commandDescription: 'Noter le dernier meetup et dire quoi améliorer (organisateurs : bilan, export)',
    subGive: 'Noter un meetup qui vient de finir (un formulaire, ou directement avec rating:)',
    subSummary: 'Organisateurs : le bilan et les derniers commentaires d’un meetup',
    subExport: 'Organisateurs : toutes les réponses d’un meetup en fichier CSV',
    eventOption: 'Quel meetup : un numéro (12), une date (2026-06-17) ; par défaut le dernier',
    ratingOption: 'Votre note globale, de 1 (bof) à 5 (top) : enregistrée tout de suite, sans formulaire',
    workedOption: 'Ce qui a bien marché',
    improveOption: 'Ce qu’il faut améliorer, idées et questions pour le prochain meetup',
    talksOption: 'Notes des talks par numéro, comme /feedback les liste, ex. « 1:5 2:4 »',

    formTitle: 'Votre avis sur {event}',
    formTitleAny: 'Votre avis sur un meetup',
    eventLabel: 'Meetup (numéro ou date)',
    ratingLabel: 'Note globale, de 1 (bof) à 5 (top)',
    workedLabel: 'Ce qui a bien marché',
    workedPlaceholder: 'Talks, lieu, horaires, rencontres…',
    improveLabel: 'À améliorer, idées pour le prochain meetup',
    improvePlaceholder: 'Sujets souhaités, questions, ce qu’il faudrait changer…',
    talksLabel_one: 'Note du talk : 1:note, ex. 1:5',
    talksLabel_other: 'Notes des talks 1 à {count} : n°:note, ex. 1:5 2:4',
    talksShort: 'Notes des talks',

    saved: 'Merci ! Votre avis sur {event} est enregistré : {rating}/5.',
    replaced: 'Il remplace votre réponse du {date} : seule la dernière compte.',
    anonymous:
      'Les organisateurs voient les totaux et les commentaires, jamais qui les a écrits. Vous pouvez modifier votre réponse avec /feedback jusqu’au {closes}.',
    talksHeading: 'Les talks, avec les numéros à utiliser dans talks:"1:5 2:4"',
    talkRated: '{n}. {title} — {rating}/5',
    talkUnrated: '{n}. {title} — pas noté',

    notFound:
      'Je ne trouve pas le meetup « {ref} ». Essayez un numéro (/feedback 12) ou une date (/feedback 2026-06-17). Connus : {known}.',
    notEnded: '{event} n’est pas encore terminé : les avis ouvrent à la fin, {end}.',
    closed: 'Les avis sur {event} sont fermés depuis le {closes}, {days} jours après le meetup.',
    noneEnded: 'Aucun meetup n’est encore terminé : il n’y a rien à noter.',
    noneOpen:
      'Aucun meetup ne s’est terminé ces {days} derniers jours. Le dernier, {event}, ne prend plus d’avis depuis le {closes}.',
    keptHeading: 'Ce que vous avez écrit, pour ne pas le perdre :',
    busy: 'Votre réponse précédente est encore en cours d’enregistrement. Réessayez dans un instant.',

    talksSyntax:
      'Écrivez les notes des talks en numéro:note séparés par des espaces, ex. 1:5 2:4 (« {part} » ne l’est pas).',
    talksUnknown: 'Il n’y a pas de talk {n}. Les talks : {list}.',
    talksRating: 'Talk {n} : la note doit être un nombre entier de 1 à 5.',
    talksTwice: 'Le talk {n} est noté deux fois.',
    talksNone: 'Ce meetup n’a pas de talk à noter : laissez ce champ vide.',

    organisersOnly:
      'Seuls les organisateurs de {community} voient le bilan et l’export des avis. Pour donner le vôtre : /feedback.',
    summaryHeading: 'Avis — {event}',
    summaryTotals_one: '{count} réponse · moyenne {average}/5',
    summaryTotals_other: '{count} réponses · moyenne {average}/5',
    summaryHidden_one:
      '{count} réponse pour l’instant. Les totaux, les commentaires et l’export apparaissent à partir de {min} réponses, pour que personne ne soit reconnaissable.',
    summaryHidden_other:
      '{count} réponses pour l’instant. Les totaux, les commentaires et l’export apparaissent à partir de {min} réponses, pour que personne ne soit reconnaissable.',
    talksSummaryHeading: 'Talks',
    talkAverage_one: '{n}. {title} — {average}/5 ({count} note)',
    talkAverage_other: '{n}. {title} — {average}/5 ({count} notes)',
    talkHidden: '{n}. {title} — moins de {min} notes',
    commentsHeading: 'Derniers commentaires ({shown} sur {total})',
    noComments: 'Pas encore de commentaire.',
    commentWorked: 'A bien marché : {text}',
    commentImprove: 'À améliorer : {text}',
    exportHint: 'Toutes les réponses en entier : /feedback export {ref}',
    exported_one: '{count} réponse sur {event}, une ligne chacune (note, commentaires, notes des talks).',
    exported_other: '{count} réponses sur {event}, une ligne chacune (note, commentaires, notes des talks).',
    unreadable_one: '{count} réponse enregistrée n’a pas pu être lue et a été laissée de côté (détails dans les logs).',
    unreadable_other:
      '{count} réponses enregistrées n’ont pas pu être lues et ont été laissées de côté (détails dans les logs).',

    csvResponse: 'réponse',
    csvDate: 'date',
    csvRating: 'note',
    csvWorked: 'ce qui a marché',
    csvImprove: 'à améliorer',
    csvTalk: 'talk {n} : {title}',
  },
});

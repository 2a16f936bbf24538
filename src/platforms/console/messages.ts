import { defineMessages } from '../../core/i18n.ts';

export const consoleMessages = defineMessages({
  en: {
    welcome: 'emcee console for {community}, as {user} ({role}). Type /help, or exit to leave.',
    notACommand: 'Commands start with a slash, e.g. /agenda. Type /help for the list.',
    fieldPrompt: '{label}{hint}: ',
    exampleHint: ' (e.g. {example})',
    refusedHint: ' [you wrote “{value}”]',
    optionalHint: ' (optional, Enter to skip)',
    choicesHint: ' ({choices})',
    cancelled: 'Form cancelled: nothing was saved.',
    organiser: 'organiser',
    member: 'member',
    postedTo: '[#{channel}]',
    dmTo: '[DM to {member}]',
  },
  fr: {
    welcome: 'Console emcee pour {community}, en tant que {user} ({role}). Tapez /help, ou exit pour quitter.',
    notACommand: 'Les commandes commencent par une barre oblique, par ex. /agenda. Tapez /help pour la liste.',
    fieldPrompt: '{label}{hint} : ',
    exampleHint: ' (ex. : {example})',
    refusedHint: ' [vous aviez écrit « {value} »]',
    optionalHint: ' (facultatif, Entrée pour passer)',
    choicesHint: ' ({choices})',
    cancelled: 'Formulaire annulé : rien n’a été enregistré.',
    organiser: 'organisateur',
    member: 'membre',
    postedTo: '[#{channel}]',
    dmTo: '[MP à {member}]',
  },
});

import type { CommandExample } from '../src/core/command.ts';
import { defineMessages } from '../src/core/i18n.ts';

/**
 * What `/help <command>` shows under "Examples": a line to type and what it does. The lines are
 * the same in both languages; tests/help.test.ts checks that each one parses with its
 * command's options, so an option renamed in a command file cannot leave a stale example here.
 */
const m = defineMessages({
  en: {
    agendaNext: 'the next meetup’s programme',
    agendaNumber: 'meetup #4 (also a date: /agenda 2019-09-18)',
    agendaNow: 'the slot on now and the next one, or when the next meetup is',
    agendaIcs: 'meetup #4 as a calendar file, to add to your calendar',
    proposeForm: 'a form asks for the title, the abstract and the length',
    proposeOneLine: 'all on one line: saved at once, no form',
    proposeMine: 'your proposals and where they stand',
    proposeEdit: 'change proposal #3 (a form with its current values)',
    proposeWithdraw: 'withdraw proposal #3',
    proposalsList: 'organisers: the proposals for the next meetup',
    proposalsAccept: 'organisers: accept proposal #2 (the speaker is told)',
    proposalsReject: 'organisers: decline proposal #2, with the reason sent to the speaker',
    feedbackForm: 'rate the last meetup in a form',
    feedbackOneLine: 'rate it at once, no form',
    feedbackSummary: 'organisers: totals, histogram and latest comments',
    feedbackExport: 'organisers: every answer as a CSV file',
    announceAt: 'organisers: post once, at that time in the community’s zone',
    announceCron: 'organisers: post every Monday at 10:00',
    announceList: 'organisers: every announcement with its next runs',
    announceCancel: 'organisers: cancel announcement 2',
    helpAll: 'every command',
    helpOne: 'one command’s options and examples',
  },
  fr: {
    agendaNext: 'le programme du prochain meetup',
    agendaNumber: 'le meetup #4 (ou une date : /agenda 2019-09-18)',
    agendaNow: 'le créneau en cours et le suivant, ou la date du prochain meetup',
    agendaIcs: 'le meetup #4 en fichier de calendrier, à ajouter à votre agenda',
    proposeForm: 'un formulaire demande le titre, le résumé et la durée',
    proposeOneLine: 'tout sur une ligne : enregistré tout de suite, sans formulaire',
    proposeMine: 'vos propositions et où elles en sont',
    proposeEdit: 'modifier la proposition #3 (un formulaire avec ses valeurs actuelles)',
    proposeWithdraw: 'retirer la proposition #3',
    proposalsList: 'organisateurs : les propositions pour le prochain meetup',
    proposalsAccept: 'organisateurs : accepter la proposition #2 (la personne qui l’a proposée en est informée)',
    proposalsReject: 'organisateurs : refuser la proposition #2, la raison est envoyée à la personne qui l’a proposée',
    feedbackForm: 'noter le dernier meetup dans un formulaire',
    feedbackOneLine: 'le noter tout de suite, sans formulaire',
    feedbackSummary: 'organisateurs : totaux, histogramme et derniers commentaires',
    feedbackExport: 'organisateurs : toutes les réponses dans un fichier CSV',
    announceAt: 'organisateurs : publier une fois, à cette heure dans le fuseau de la communauté',
    announceCron: 'organisateurs : publier chaque lundi à 10:00',
    announceList: 'organisateurs : toutes les annonces et leurs prochaines publications',
    announceCancel: 'organisateurs : annuler l’annonce 2',
    helpAll: 'toutes les commandes',
    helpOne: 'les options et des exemples d’une commande',
  },
});

type Key = Parameters<typeof m.both>[0];
const example = (line: string, key: Key): CommandExample => ({ line, description: m.both(key) });

export const examples = {
  agenda: [
    example('/agenda', 'agendaNext'),
    example('/agenda 4', 'agendaNumber'),
    example('/agenda now', 'agendaNow'),
    example('/agenda 4 ics', 'agendaIcs'),
  ],
  propose: [
    example('/propose', 'proposeForm'),
    example(
      '/propose title:"Chaos à la carte" abstract:"Chaos engineering in production" duration:5',
      'proposeOneLine',
    ),
    example('/propose mine', 'proposeMine'),
    example('/propose edit 3', 'proposeEdit'),
    example('/propose withdraw 3', 'proposeWithdraw'),
  ],
  proposals: [
    example('/proposals', 'proposalsList'),
    example('/proposals accept 2', 'proposalsAccept'),
    example('/proposals reject 2 reason:"Full this time: please propose again"', 'proposalsReject'),
  ],
  feedback: [
    example('/feedback', 'feedbackForm'),
    example('/feedback rating:5 worked:"the live demos"', 'feedbackOneLine'),
    example('/feedback summary', 'feedbackSummary'),
    example('/feedback export', 'feedbackExport'),
  ],
  announce: [
    example('/announce at:"2027-01-19 18:00" message:"Tomorrow: meetup #13!"', 'announceAt'),
    example('/announce cron:"0 10 * * 1" message:"Lightning talks are open: /propose"', 'announceCron'),
    example('/announce list', 'announceList'),
    example('/announce cancel 2', 'announceCancel'),
  ],
  help: [example('/help', 'helpAll'), example('/help propose', 'helpOne')],
} satisfies Record<string, CommandExample[]>;

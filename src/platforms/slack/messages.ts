import { defineMessages } from '../../core/i18n.ts';

/** What the Slack adapter itself says (everything else comes from the commands). */
export const slackMessages = defineMessages({
  en: {
    unknownTeam:
      'This workspace is not set up for emcee yet. An organiser can add {snippet} to the community’s file, config/communities/<id>.yaml, and restart the bot.',
    submit: 'Send',
    cancel: 'Cancel',
    sentByDm: 'I sent {filename} to you in a direct message.',
    fileNotSent: 'I could not send {filename} by direct message. Please try again in a moment.',
  },
  fr: {
    unknownTeam:
      'Cet espace de travail n’est pas encore configuré pour emcee. Un organisateur peut ajouter {snippet} au fichier de la communauté, config/communities/<id>.yaml, puis redémarrer le bot.',
    submit: 'Envoyer',
    cancel: 'Annuler',
    sentByDm: 'Je vous ai envoyé {filename} en message privé.',
    fileNotSent: 'Je n’ai pas pu vous envoyer {filename} en message privé. Réessayez dans un instant.',
  },
});

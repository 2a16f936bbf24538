import { defineMessages } from '../../core/i18n.ts';

/** What the Discord adapter itself says (everything else comes from the commands). */
export const discordMessages = defineMessages({
  en: {
    unknownGuild:
      'This server is not set up for emcee yet. An organiser can add `{snippet}` to the community’s file, config/communities/<id>.yaml, and restart the bot.',
  },
  fr: {
    unknownGuild:
      'Ce serveur n’est pas encore configuré pour emcee. Un organisateur peut ajouter `{snippet}` au fichier de la communauté, config/communities/<id>.yaml, puis redémarrer le bot.',
  },
});

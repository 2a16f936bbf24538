import { stringify } from 'yaml';
import type { CommandDefinition, OptionSpec } from '../../core/command.ts';
import type { Locale } from '../../core/i18n.ts';

/**
 * The bot scopes the adapter actually calls for, and why: the manifest asks for these and no more.
 */
export const BOT_SCOPES = {
  commands: 'slash commands',
  'chat:write': 'replies, reminders and announcements (chat.postMessage, chat.postEphemeral)',
  'im:write': 'direct messages to a speaker or an organiser (conversations.open)',
  'users:read': 'each member’s language (users.info with include_locale)',
  'usergroups:read': 'organisers named by user group (usergroups.users.list)',
  'files:write': 'CSV exports sent by direct message (files.uploadV2)',
  'channels:history':
    'a scheduled post retried or taken over is looked for before it is posted again (conversations.history)',
  'groups:history': 'the same, in a private announcements channel',
} as const;

export interface ManifestOptions {
  /** The app's name in Slack (default `emcee`). */
  name?: string;
  /** The language of command descriptions (a manifest holds one). */
  locale?: Locale;
  /** HTTP mode: the public URL of `/slack/events`; without it the app uses Socket Mode. */
  requestUrl?: string;
}

/** Slack's limits on a slash command in a manifest. */
const LIMITS = { description: 100, usageHint: 100 } as const;

/** The app manifest (YAML) for these commands: generated, never kept by hand. */
export function slackManifest(commands: readonly CommandDefinition<unknown>[], options: ManifestOptions = {}): string {
  const locale = options.locale ?? 'en';
  const url = options.requestUrl;
  const manifest = {
    display_information: {
      name: options.name ?? 'emcee',
      description: 'Meetup agenda, reminders, lightning talks and feedback',
      background_color: '#3b82f6',
    },
    features: {
      bot_user: { display_name: options.name ?? 'emcee', always_online: true },
      // Speakers and organisers get direct messages (decisions, exports); emcee reads none.
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: shorten(command.description[locale], LIMITS.description),
        ...(usageHint(command) ? { usage_hint: shorten(usageHint(command)!, LIMITS.usageHint) } : {}),
        should_escape: false,
        ...(url ? { url } : {}),
      })),
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES) } },
    settings: {
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
  return stringify(manifest, { lineWidth: 0 });
}

/** `[event]`, or for a command with subcommands `[mine|edit|withdraw] …`: what may follow the command. */
export function usageHint(command: CommandDefinition<unknown>): string | undefined {
  if (!command.subcommands) return optionHint(command.options) || undefined;
  const names = command.subcommands.map((sub) => sub.name);
  const shown = command.defaultSubcommand ? names.filter((name) => name !== command.defaultSubcommand) : names;
  const defaults = command.subcommands.find((sub) => sub.name === command.defaultSubcommand);
  const rest = defaults ? optionHint(defaults.options) : '';
  return [`[${shown.join('|')}]`, rest].filter(Boolean).join(' ');
}

function optionHint(options: readonly OptionSpec[]): string {
  return options
    .map((spec) => {
      const shape = spec.positional ? spec.name : `${spec.name}:…`;
      return spec.required ? shape : `[${shape}]`;
    })
    .join(' ');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

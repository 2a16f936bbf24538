import type { Locale } from './i18n.ts';

export type Platform = 'console' | 'discord' | 'slack';

/** The person behind a command, as the platform describes them. */
export interface Member {
  /** Platform user id (console: the user name). */
  id: string;
  displayName: string;
  /** The client's language, where the platform sends it (Discord does; Slack and the console may). */
  locale?: Locale;
  /** Role names or ids the member holds, matched against the community's `organisers.roles`. */
  roles: string[];
  /** Set by the adapter from what the platform vouches for; `isOrganiser` of the config decides which platforms may. */
  organiser?: boolean;
}

export type OptionValue = string | number | boolean;

/**
 * What a person asked for. Discord sends typed options; Slack and the console send the text after
 * the command, which the core parses with the command's declared options (one parser for both).
 */
export type CommandInput = { kind: 'typed'; options: Record<string, OptionValue> } | { kind: 'text'; text: string };

export interface Invocation {
  communityId: string;
  platform: Platform;
  channelId: string;
  member: Member;
  command: string;
  /**
   * The subcommand, when the platform sends it typed (Discord). For text input it is left out:
   * the core reads it from the first word, else runs the command's default subcommand.
   */
  subcommand?: string;
  input: CommandInput;
}

/** Who and where, for a form submission or a button press that comes back later. */
export type Origin = Omit<Invocation, 'command' | 'subcommand' | 'input'>;

import type { CommunitySettings } from './communitySchema.ts';

/** A field written at the top level that a platform section does not repeat. */
export interface FlatFieldNote {
  field: string;
  message: string;
  fix: string;
}

type Section = 'discord' | 'slack';

/** Where each top-level field lives in a platform section. */
const MOVES: ReadonlyArray<{
  field: string;
  set: (s: CommunitySettings) => boolean;
  to: Record<Section, string>;
  has: Record<Section, (s: CommunitySettings) => boolean>;
}> = [
  {
    field: 'channels.announcements',
    set: (s) => Boolean(s.channels.announcements),
    to: { discord: 'discord.channels.announcements', slack: 'slack.channels.announcements' },
    has: {
      discord: (s) => Boolean(s.discord?.channels.announcements),
      slack: (s) => Boolean(s.slack?.channels.announcements),
    },
  },
  {
    field: 'channels.organisers',
    set: (s) => Boolean(s.channels.organisers),
    to: { discord: 'discord.channels.organisers', slack: 'slack.channels.organisers' },
    has: {
      discord: (s) => Boolean(s.discord?.channels.organisers),
      slack: (s) => Boolean(s.slack?.channels.organisers),
    },
  },
  {
    field: 'organisers.users',
    set: (s) => s.organisers.users.length > 0,
    to: { discord: 'discord.organisers', slack: 'slack.organisers' },
    has: {
      discord: (s) => (s.discord?.organisers.length ?? 0) > 0,
      slack: (s) => (s.slack?.organisers.length ?? 0) > 0,
    },
  },
  {
    field: 'organisers.roles',
    set: (s) => s.organisers.roles.length > 0,
    to: { discord: 'discord.organiserRoles', slack: 'slack.organiserGroups' },
    has: {
      discord: (s) => (s.discord?.organiserRoles.length ?? 0) > 0,
      slack: (s) => (s.slack?.organiserGroups.length ?? 0) > 0,
    },
  },
];

/**
 * The top-level `channels` and `organisers` are the console's. Before platform sections existed
 * they were the only place to write them, so a file that has a `discord` or `slack` section and
 * still names them only at the top level most likely meant them for that platform: say where they
 * go, instead of silently posting nothing there.
 */
export function flatFieldNotes(settings: CommunitySettings): FlatFieldNote[] {
  const sections = (['discord', 'slack'] as const).filter((section) => settings[section] !== undefined);
  if (sections.length === 0) return [];
  return MOVES.flatMap((move) => {
    if (!move.set(settings)) return [];
    const missing = sections.filter((section) => !move.has[section](settings));
    if (missing.length === 0) return [];
    const names = missing.map((section) => (section === 'discord' ? 'Discord' : 'Slack')).join(' and ');
    return [
      {
        field: move.field,
        message: `\`${move.field}\` is the console's only: on ${names} it is not used`,
        fix: `move ${move.field} to ${missing.map((section) => move.to[section]).join(' or ')}`,
      },
    ];
  });
}

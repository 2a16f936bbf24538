import type { Locale } from './i18n.ts';
import type { Member, Platform } from './invocation.ts';

/**
 * The little the core reads of a community. The composition root (src/app.ts) hands the core the
 * configured communities (src/config), which carry this and every feature's settings besides: the
 * core is typed by what it reads, so a feature's settings can change without touching it.
 */
export interface CommunityInfo {
  /** From the settings file's name: `sre-paris`. */
  id: string;
  /** Shown in replies ("for the organisers of SRE Paris only"). */
  name: string;
  /** Replies are in this language unless the member's client says otherwise. */
  locale: Locale;
}

/**
 * Who organises a community: decided above the core, where the community's per-platform lists are
 * known (src/config/community.ts `isOrganiser`), and given to the Bot by the composition root.
 */
export type OrganiserRule<C extends CommunityInfo> = (community: C, member: Member, platform: Platform) => boolean;

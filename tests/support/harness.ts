import path from 'node:path';
import { DateTime } from 'luxon';
import { createApp, type App } from '../../src/app.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { Outcome } from '../../src/core/command.ts';
import type { FormSubmission } from '../../src/core/form.ts';
import type { Locale } from '../../src/core/i18n.ts';
import type { Member, Origin } from '../../src/core/invocation.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { DmTarget, Poster, PostTarget } from '../../src/core/poster.ts';
import type { Reply } from '../../src/core/reply.ts';
import { renderReply, renderText } from '../../src/platforms/console/render.ts';
import { memoryStore } from '../../src/store/memoryStore.ts';
import type { Store } from '../../src/store/store.ts';
import { ROOT } from './root.ts';
import { outcomeWords } from './words.ts';

export interface Sent {
  kind: 'post' | 'dm';
  target: PostTarget | DmTarget;
  reply: Reply;
  key?: string;
}

/** A Poster that records what the bot would have said on its own. */
export function recordingPoster(): Poster & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    post: async (target, reply, options) =>
      void sent.push({ kind: 'post', target, reply, key: options?.idempotencyKey }),
    dm: async (target, reply, options) => void sent.push({ kind: 'dm', target, reply, key: options?.idempotencyKey }),
  };
}

/** What a command answered: the neutral outcome, and the plain words it says (`outcomeWords`). */
export interface Answer {
  outcome: Outcome;
  words: string;
}

export interface Harness {
  app: App;
  clock: ReturnType<typeof fixedClock>;
  poster: ReturnType<typeof recordingPoster>;
  /** Runs a slash command line (`/agenda 4`) as `member` and returns the outcome. */
  run(line: string, member?: Partial<Member>): Promise<Outcome>;
  /** Same, with the outcome's plain words (times in the community's zone): what it says on every platform. */
  ask(line: string, member?: Partial<Member>): Promise<Answer>;
  /** An outcome's plain words, times in the community's zone. */
  words(outcome: Outcome): string;
  /** Same as `run`, rendered as the console would show it (community zone): for console tests. */
  say(line: string, member?: Partial<Member>): Promise<string>;
  submit(submission: FormSubmission, member?: Partial<Member>): Promise<Outcome>;
  /** Presses a button of a reply `command` gave, as an adapter would. */
  press(command: string, button: { action: string; value: string }, member?: Partial<Member>): Promise<Outcome>;
  render(outcome: Outcome, locale?: Locale): string;
}

/** The whole bot in-process on the sample config (or another), a memory store and a fixed clock. */
export async function harness(options: {
  now: string;
  configDir?: string;
  store?: Store;
  community?: string;
}): Promise<Harness> {
  const clock = fixedClock(DateTime.fromISO(options.now, { setZone: true }));
  const poster = recordingPoster();
  const app = await createApp({
    configDir: options.configDir ?? path.join(ROOT, 'config'),
    clock,
    logger: silentLogger,
    poster: () => poster,
    store: options.store ?? memoryStore(() => clock.now().toMillis()),
  });
  const community = options.community ? app.communities.get(options.community)! : [...app.communities.values()][0]!;
  const origin = (member: Partial<Member> = {}): Origin => ({
    communityId: community.id,
    platform: 'console',
    channelId: 'console',
    member: { id: 'alice', displayName: 'alice', roles: [], ...member },
  });
  const render = (outcome: Outcome, locale: Locale = community.locale) => {
    const view = { zone: community.timezone, locale, now: clock.now() };
    if (outcome.kind === 'reply') return renderReply(outcome, view);
    const errors = Object.entries(outcome.errors).map(([field, text]) => `⚠ ${field}: ${renderText(text, view)}`);
    return [`[form ${outcome.id}] ${outcome.title}`, ...errors, JSON.stringify(outcome.values)].join('\n');
  };
  // As an adapter does: the reply is delivered, then its effects run (DMs, posts).
  const delivered = async (outcome: Promise<Outcome>) => {
    const answer = await outcome;
    await app.bot.runEffects(answer);
    return answer;
  };
  const run = (line: string, member?: Partial<Member>) => {
    const [, name = '', rest = ''] = /^\/(\S*)\s*(.*)$/s.exec(line) ?? [];
    return delivered(app.bot.handle({ ...origin(member), command: name, input: { kind: 'text', text: rest } }));
  };
  const words = (outcome: Outcome) => outcomeWords(outcome, community.timezone);
  return {
    app,
    clock,
    poster,
    run,
    ask: async (line, member) => {
      const outcome = await run(line, member);
      return { outcome, words: words(outcome) };
    },
    words,
    say: async (line, member) => render(await run(line, member), member?.locale ?? community.locale),
    submit: (submission, member) => delivered(app.bot.submit(origin(member), submission)),
    press: (command, button, member) => delivered(app.bot.act(origin(member), command, button)),
    render,
  };
}

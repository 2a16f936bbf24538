import { DateTime } from 'luxon';
import type { Outcome } from '../../src/core/command.ts';
import { renderReply } from '../../src/platforms/console/render.ts';
import { renderForDiscord } from '../../src/platforms/discord/render.ts';
import type { SlackMessage } from '../../src/platforms/slack/render.ts';
import { slackRender } from '../platforms/slack/blockKit.ts';
import { TERMINAL_CONTROL } from './arbitraries.ts';
import { discordPings } from '../support/discordPings.ts';

/**
 * Who Slack would notify: mentions in what Slack parses as mrkdwn, the message's `text` (its
 * notification words) and its sections. Headers and buttons are plain_text, where nothing is parsed.
 */
function slackPings(messages: SlackMessage[]): string[] {
  const parsed = messages
    .flatMap((m) => [
      m.text,
      ...m.blocks.flatMap((b) =>
        b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)] : [],
      ),
    ])
    .join('\n');
  return [...parsed.matchAll(/<@(\w+)>|<!(channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^(\w+)/g)].map(
    (x) => x[1] ?? (x[2] === 'channel' ? 'everyone' : (x[2] ?? `role:${x[3]}`)),
  );
}

/** Only mass mentions and roles count: a reply may ping a member on purpose (a `mention` token). */
const massOrRole = (ping: string) =>
  ping === 'everyone' || ping === 'here' || ping === 'channel' || ping.startsWith('role:');

const view = { zone: 'Europe/Paris', locale: 'en' as const, now: DateTime.fromISO('2026-12-01T10:00:00+01:00') };

/** Every way a reply can go wrong on a renderer, as short descriptions (empty when none). */
export function replyProblems(outcome: Outcome): string[] {
  if (outcome.kind !== 'reply') return [];
  const reply = outcome;
  const problems: string[] = [];
  const terminal = renderReply(reply, view);
  if (TERMINAL_CONTROL.test(terminal))
    problems.push(`console: control character ${JSON.stringify(TERMINAL_CONTROL.exec(terminal)?.[0])}`);
  for (const ping of discordPings(renderForDiscord(reply, { buttonId: (b) => `f:${b.action}:${b.value}` })).filter(
    massOrRole,
  ))
    problems.push(`discord: pings ${ping}`);
  for (const ping of slackPings(slackRender(reply)).filter(massOrRole)) problems.push(`slack: pings ${ping}`);
  return problems;
}

import { SLACK_LIMITS, renderForSlack, type SlackMessage } from '../../../src/platforms/slack/render.ts';
import type { Reply } from '../../../src/core/reply.ts';
import type { RendererUnderTest } from '../rendererContract.ts';

/** Every piece of text a Slack client would show of these messages, as it is sent. */
export function slackRaw(messages: SlackMessage[]): string {
  return messages
    .flatMap((m) =>
      m.blocks.flatMap((b) => {
        if (b.type === 'header') return [b.text.text];
        if (b.type === 'section') return [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)];
        if (b.type === 'actions') return b.elements.map((e) => e.text.text);
        return [];
      }),
    )
    .join('\n');
}

/** What a Slack client shows: tokens as their words, bold markers gone, entities decoded (last). */
export function slackVisible(messages: SlackMessage[]): string {
  return slackRaw(messages)
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@(\w+)>/g, '@$1')
    .replace(/(?<![*\w])\*([^*_~`\n]+)\*(?![*\w])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Who Slack would notify: `<@U…>`, `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S…>`. */
export function slackPings(messages: SlackMessage[]): string[] {
  return [...slackRaw(messages).matchAll(/<@(\w+)>|<!(channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^(\w+)/g)].map(
    (x) => x[1] ?? (x[2] === 'channel' ? 'everyone' : (x[2] ?? `role:${x[3]}`)),
  );
}

export function slackProblems(messages: SlackMessage[]): string[] {
  const problems: string[] = [];
  messages.forEach((m, i) => {
    if (m.blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`message ${i}: ${m.blocks.length} blocks`);
    if (m.text.length > SLACK_LIMITS.fallbackText) problems.push(`message ${i}: text`);
    for (const b of m.blocks) {
      if (b.type === 'header' && b.text.text.length > SLACK_LIMITS.headerText) problems.push(`message ${i}: header`);
      if (b.type === 'section' && (b.text?.text.length ?? 0) > SLACK_LIMITS.sectionText)
        problems.push(`message ${i}: section`);
      if (b.type === 'section' && (b.fields?.length ?? 0) > SLACK_LIMITS.fieldsPerSection)
        problems.push(`message ${i}: fields`);
      if (b.type === 'section' && (b.fields ?? []).some((f) => f.text.length > SLACK_LIMITS.fieldText))
        problems.push(`message ${i}: field`);
      if (b.type === 'actions' && b.elements.length > SLACK_LIMITS.elementsPerActions)
        problems.push(`message ${i}: actions`);
      if (
        b.type === 'actions' &&
        b.elements.some(
          (e) => e.text.text.length > SLACK_LIMITS.buttonText || e.action_id.length > SLACK_LIMITS.actionId,
        )
      )
        problems.push(`message ${i}: button`);
    }
  });
  return problems;
}

export const slackRender = (reply: Reply, zone = 'Europe/Paris') =>
  renderForSlack(reply, { zone, locale: 'en', buttonId: (b) => `test:${b.action}:${b.value}` });

export const slackRenderer: RendererUnderTest<SlackMessage[]> = {
  name: 'slack',
  render: (reply) => slackRender(reply),
  visibleText: slackVisible,
  pings: slackPings,
  instants: (out) => [...slackRaw(out).matchAll(/<!date\^(\d+)\^/g)].map((x) => Number(x[1])),
  buttonCount: (out) => out.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))).length,
  limitProblems: slackProblems,
};

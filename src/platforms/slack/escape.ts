/**
 * User or file text made inert for Slack's mrkdwn: `&`, `<` and `>` are the only characters Slack
 * asks apps to escape, and escaping them is enough to keep `<!channel>`, `<!here>`, `<!everyone>`
 * and `<@U…>` as typed text that never notifies anyone (api.slack.com/reference/surfaces/formatting).
 */
export function inert(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A URL inside `<url|label>`: the same three escapes, and no `|` that would end it early. */
export function inertUrl(url: string): string {
  return inert(url).replace(/\|/g, '%7C');
}

/** Characters that would turn around a bold marker into other formatting, or end it early. */
const MARKUP = /[*_~`]/;

/** Emphasis when it cannot be confused with the text's own characters; else the text as it is. */
export function bold(escaped: string): string {
  return escaped.trim() === '' || MARKUP.test(escaped) ? escaped : `*${escaped}*`;
}

/**
 * Cuts to at most `max` UTF-16 units (never inside a surrogate pair, nor inside an `&amp;`-style
 * entity), with an ellipsis when something was cut.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  const entity = text.lastIndexOf('&', end - 1);
  if (entity >= 0 && entity > end - 5 && !text.slice(entity, end).includes(';')) end = entity;
  return `${text.slice(0, end)}…`;
}

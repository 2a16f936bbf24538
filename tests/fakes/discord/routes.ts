/**
 * The REST v10 routes the fake answers, as Discord documents them, and a matcher. Paths are
 * matched segment by segment after percent-decoding, so `/messages/%40original` (what
 * @discordjs/rest sends for `@original`) matches `:message` with the value `@original`.
 */
export const ROUTES = [
  'GET /gateway',
  'GET /gateway/bot',
  'GET /users/@me',
  'GET /users/:user',
  'POST /users/@me/channels',
  'GET /applications/@me',
  'GET /channels/:channel',
  'POST /channels/:channel/messages',
  'GET /channels/:channel/messages/:message',
  'PATCH /channels/:channel/messages/:message',
  'DELETE /channels/:channel/messages/:message',
  'GET /applications/:app/commands',
  'PUT /applications/:app/commands',
  'GET /applications/:app/guilds/:guild/commands',
  'PUT /applications/:app/guilds/:guild/commands',
  'POST /interactions/:interaction/:token/callback',
  'POST /webhooks/:app/:token',
  'GET /webhooks/:app/:token/messages/:message',
  'PATCH /webhooks/:app/:token/messages/:message',
  'DELETE /webhooks/:app/:token/messages/:message',
] as const;

export type RouteKey = (typeof ROUTES)[number];

/** Routes Discord authorises by the token in the path, not by the bot token. */
export const TOKEN_IN_PATH: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'POST /interactions/:interaction/:token/callback',
  'POST /webhooks/:app/:token',
  'GET /webhooks/:app/:token/messages/:message',
  'PATCH /webhooks/:app/:token/messages/:message',
  'DELETE /webhooks/:app/:token/messages/:message',
]);

export interface RouteMatch {
  route: RouteKey;
  params: Record<string, string>;
}

const compiled = ROUTES.map((route) => {
  const [method, path] = route.split(' ') as [string, string];
  return { route, method, segments: path.split('/').slice(1) };
});

/** `path` is relative to `/api/v10`, still percent-encoded. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/').slice(1).map(safeDecode);
  for (const candidate of compiled) {
    if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = candidate.segments.every((pattern, index) => {
      const value = segments[index] ?? '';
      if (!pattern.startsWith(':')) return pattern === value;
      params[pattern.slice(1)] = value;
      return value !== '';
    });
    if (matches) return { route: candidate.route, params };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * One routing convention for everything a platform hands back later: a button press, a modal
 * submit, a "reopen the form" button. The route travels in the platform's id field (Discord's
 * `custom_id`, Slack's `action_id`/`callback_id`), so it must fit Discord's 100 characters; state
 * that does not fit is kept in the store and the route carries its key.
 */
export const ROUTE_MAX = 100;

export type Route =
  /** A button of a Reply: handed to the command's `act(action, value)`. */
  | { kind: 'button'; command: string; action: string; value: string }
  /** A form's submission: handed to the command's `submit`; `state` is a stash key, if any. */
  | { kind: 'form'; command: string; form: string; state: string }
  /** A button that opens a stashed form (a modal cannot answer a modal, so errors offer this). */
  | { kind: 'open'; command: string; stash: string };

const TAGS = { button: 'b', form: 'f', open: 'o' } as const;
const NAME = /^[a-z][a-z0-9-]*$/;

export class RouteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteError';
  }
}

/** `b:agenda:abstract:12`: names first, the free value last so it may hold any character. */
export function encodeRoute(route: Route): string {
  const parts = routeParts(route);
  for (const name of parts.slice(1, -1))
    if (!NAME.test(name)) throw new RouteError(`route name "${name}" must match ${NAME}`);
  const id = parts.join(':');
  if (id.length > ROUTE_MAX)
    throw new RouteError(
      `route "${id.slice(0, 40)}…" is ${id.length} characters, over ${ROUTE_MAX}: keep the state in the store`,
    );
  return id;
}

function routeParts(route: Route): string[] {
  switch (route.kind) {
    case 'button':
      return [TAGS.button, route.command, route.action, route.value];
    case 'form':
      return [TAGS.form, route.command, route.form, route.state];
    case 'open':
      return [TAGS.open, route.command, route.stash];
  }
}

/** The route of an id the platform handed back, or undefined for an id that is not ours. */
export function decodeRoute(id: string): Route | undefined {
  const [tag, command, ...rest] = id.split(':');
  if (!command || !NAME.test(command)) return undefined;
  if (tag === TAGS.button && rest.length >= 2 && NAME.test(rest[0]!))
    return { kind: 'button', command, action: rest[0]!, value: rest.slice(1).join(':') };
  if (tag === TAGS.form && rest.length >= 2 && NAME.test(rest[0]!))
    return { kind: 'form', command, form: rest[0]!, state: rest.slice(1).join(':') };
  if (tag === TAGS.open && rest.length >= 1) return { kind: 'open', command, stash: rest.join(':') };
  return undefined;
}

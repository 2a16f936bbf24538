/**
 * A form's state as its modal's `custom_id` carries it: in the route itself when it fits the 100
 * characters, else kept in the store under a short random key, which the route carries. (Whole
 * forms behind "open the form" buttons are the core's FormStash.)
 */
import { randomBytes } from 'node:crypto';
import { encodeRoute, ROUTE_MAX } from '../../core/route.ts';
import type { Store } from '../../store/store.ts';

/** A day: long enough to fill in a form, short enough not to pile up. */
const TTL_MS = 24 * 60 * 60_000;
const NAMESPACE = 'discord-form-state';

type Stashed = { kind: 'state'; state: Record<string, string> };

export class Stash {
  constructor(private readonly store: Store) {}

  /** The `custom_id` of a modal for form `formId` (`command:form`) with its state. */
  async formRoute(formId: string, state: Record<string, string>): Promise<string> {
    const [command = '', form = ''] = formId.split(':');
    const inline = Object.keys(state).length === 0 ? '' : `i${new URLSearchParams(state).toString()}`;
    if (`f:${command}:${form}:${inline}`.length <= ROUTE_MAX)
      return encodeRoute({ kind: 'form', command, form, state: inline });
    return encodeRoute({ kind: 'form', command, form, state: `s${await this.keep({ kind: 'state', state })}` });
  }

  /** A form's state from its route: inline, stashed, or none; undefined when the stash expired. */
  async state(ref: string): Promise<Record<string, string> | undefined> {
    if (ref === '') return {};
    if (ref.startsWith('i')) return Object.fromEntries(new URLSearchParams(ref.slice(1)));
    const stashed = ref.startsWith('s') ? await this.read(ref.slice(1)) : undefined;
    return stashed?.kind === 'state' ? stashed.state : undefined;
  }

  private async keep(value: Stashed): Promise<string> {
    const key = randomBytes(12).toString('base64url');
    await this.store.namespace<Stashed>(NAMESPACE).set(key, value, TTL_MS);
    return key;
  }

  private async read(key: string): Promise<Stashed | undefined> {
    return (await this.store.namespace<Stashed>(NAMESPACE).get(key)) ?? undefined;
  }
}

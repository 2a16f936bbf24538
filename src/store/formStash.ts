import { randomBytes } from 'node:crypto';
import type { Form } from '../core/form.ts';
import type { FormStash } from '../core/formReply.ts';
import type { Store } from './store.ts';

/** A day: long enough to come back to a form, short enough not to pile up. */
export const FORM_STASH_TTL_MS = 24 * 60 * 60_000;
const NAMESPACE = 'form-stash';

/** Forms behind "open the form" buttons, in their own keyv namespace, each expiring after a day. */
export function storeFormStash(store: Store, ttlMs: number = FORM_STASH_TTL_MS): FormStash {
  const forms = () => store.namespace<Form>(NAMESPACE);
  return {
    async put(form) {
      // 16 characters, URL- and route-safe: a route holds 100.
      const key = randomBytes(12).toString('base64url');
      await forms().set(key, form, ttlMs);
      return key;
    },
    async take(key) {
      return (await forms().get(key)) ?? undefined;
    },
  };
}

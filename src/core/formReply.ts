import type { Form } from './form.ts';
import { FORM_LIMITS } from './form.ts';
import type { Locale } from './i18n.ts';
import { coreMessages as m } from './messages.ts';
import { reply, type Block, type Reply } from './reply.ts';
import { joinText, type Text } from './text.ts';

/**
 * Where a form waits while a button that opens it is on screen: a route holds 100 characters, a
 * form much more. Implemented on the store (src/store/formStash.ts) with an expiry.
 */
export interface FormStash {
  /** Keeps the form; the key (short, route-safe) finds it again. */
  put(form: Form): Promise<string>;
  /** The form, or undefined when it expired or never was. Reading does not remove it: a modal may be closed and reopened. */
  take(key: string): Promise<Form | undefined>;
}

/**
 * A form that cannot be shown now (the answer to a modal submit, or after a deferral) as a Reply:
 * its problems, and a button that opens it again, pre-filled, errors included.
 */
export function formAsReply(form: Form, locale: Locale): Reply {
  const fitted = fitForm(form, locale);
  const blocks: Block[] = [{ type: 'text', text: m.t(locale, 'formToFix', { title: fitted.title }) }];
  const problems = fitted.fields.flatMap((field) => (fitted.errors[field.id] ? [fitted.errors[field.id]!] : []));
  if (problems.length > 0) blocks.push({ type: 'list', items: problems.map((text) => ({ text })) });
  blocks.push({
    type: 'actions',
    buttons: [{ action: 'open', value: '', label: m.t(locale, 'formAgain'), style: 'primary', opens: fitted }],
  });
  return reply(blocks);
}

/**
 * The form with every value within its field's limit, so that a platform can pre-fill it (Discord
 * refuses a value over `max_length`): a value that was cut says so in its field's errors.
 */
export function fitForm(form: Form, locale: Locale): Form {
  const values = { ...form.values };
  const errors: Record<string, Text> = { ...form.errors };
  for (const field of form.fields) {
    if (field.kind !== 'short' && field.kind !== 'long') continue;
    const value = values[field.id];
    const max = Math.min(field.maxLength, FORM_LIMITS.textMax);
    if (value === undefined || [...value].length <= max) continue;
    values[field.id] = [...value].slice(0, max).join('');
    const cut = m.t(locale, 'fieldCut', { label: field.label, max });
    errors[field.id] = errors[field.id] ? joinText([errors[field.id]!, cut], ' ') : cut;
  }
  return { ...form, values, errors };
}

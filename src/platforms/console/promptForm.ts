import type { Form, FormField } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import { consoleMessages as m } from './messages.ts';

/** Where answers come from: one line each (the console's LineReader). */
export interface AnswerLines {
  next(prompt?: string): Promise<string | undefined>;
}

/**
 * Fills a Form by asking, one line each, the fields that are missing or were refused; pre-filled
 * values are kept (Enter keeps them). A form to review (an edit) asks every field with its current
 * value, until one is refused: then only the refused ones. Returns undefined when input ends first.
 */
export async function promptForm(
  form: Form,
  lines: AnswerLines,
  locale: Locale,
  write: (line: string) => void,
): Promise<Record<string, string> | undefined> {
  const values = { ...form.values };
  const reviewing = form.review === true && Object.keys(form.errors).length === 0;
  write(`== ${form.title} ==`);
  for (const field of form.fields) {
    const known = values[field.id];
    const refused = form.errors[field.id] !== undefined;
    // Anything already answered (even left blank) stands, unless it was refused or is to be reviewed.
    if (known !== undefined && !refused && !reviewing) continue;
    const current = reviewing && known ? known : undefined;
    const answer = await lines.next(
      m.s(locale, 'fieldPrompt', {
        label: field.label,
        hint: hint(field, refused ? known : undefined, current, locale),
      }),
    );
    if (answer === undefined) return undefined;
    values[field.id] = kept(field, answer.trim(), current);
  }
  return values;
}

/** Enter keeps the current value; `-` clears an optional one. */
function kept(field: FormField, typed: string, current: string | undefined): string {
  if (current === undefined) return typed;
  if (typed === '') return current;
  return typed === '-' && !field.required ? '' : typed;
}

/** What to type: the choices, an example (a modal's placeholder), whether it may be skipped, what was refused or is there now. */
function hint(field: FormField, refused: string | undefined, current: string | undefined, locale: Locale): string {
  const parts: string[] = [];
  if (field.kind === 'choice')
    parts.push(m.s(locale, 'choicesHint', { choices: field.choices.map((c) => c.value).join('/') }));
  if (field.kind === 'rating') parts.push(m.s(locale, 'choicesHint', { choices: `${field.min}-${field.max}` }));
  if (current !== undefined) {
    parts.push(m.s(locale, field.required ? 'currentHint' : 'currentOptionalHint', { value: short(current) }));
    return parts.join('');
  }
  if (field.placeholder && (field.kind === 'short' || field.kind === 'long'))
    parts.push(m.s(locale, 'exampleHint', { example: field.placeholder }));
  if (!field.required) parts.push(m.s(locale, 'optionalHint'));
  if (refused) parts.push(m.s(locale, 'refusedHint', { value: short(refused) }));
  return parts.join('');
}

const short = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value);

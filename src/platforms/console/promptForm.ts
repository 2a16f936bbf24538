import type { Form, FormField } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import type { LineReader } from './lines.ts';
import { consoleMessages as m } from './messages.ts';

/**
 * Fills a Form by asking, one line each, the fields that are missing or were refused; pre-filled
 * values are kept (Enter keeps them). Returns undefined when input ends first.
 */
export async function promptForm(form: Form, lines: LineReader, locale: Locale, write: (line: string) => void): Promise<Record<string, string> | undefined> {
  const values = { ...form.values };
  write(`== ${form.title} ==`);
  for (const field of form.fields) {
    const known = values[field.id];
    // Anything already answered (even left blank) stands, unless it was refused.
    if (known !== undefined && !form.errors[field.id]) continue;
    const answer = await lines.next(m.s(locale, 'fieldPrompt', { label: field.label, hint: hint(field, known, locale) }));
    if (answer === undefined) return undefined;
    if (answer.trim() !== '' || known === undefined) values[field.id] = answer.trim();
  }
  return values;
}

function hint(field: FormField, known: string | undefined, locale: Locale): string {
  // The placeholder is what a modal shows inside an empty field (e.g. the numbers of the talks).
  if (field.placeholder && !known) return ` (${field.placeholder})${field.required ? '' : m.s(locale, 'optionalHint')}`;
  if (known) return m.s(locale, 'keepHint', { value: known.length > 30 ? `${known.slice(0, 29)}…` : known });
  if (field.kind === 'choice') return m.s(locale, 'choicesHint', { choices: field.choices.map((c) => c.value).join('/') });
  if (field.kind === 'rating') return m.s(locale, 'choicesHint', { choices: `${field.min}-${field.max}` });
  return field.required ? '' : m.s(locale, 'optionalHint');
}

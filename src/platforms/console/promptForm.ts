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
    values[field.id] = answer.trim();
  }
  return values;
}

/** What to type: the choices, an example (a modal's placeholder), whether it may be skipped, what was refused. */
function hint(field: FormField, refused: string | undefined, locale: Locale): string {
  const parts: string[] = [];
  if (field.kind === 'choice') parts.push(m.s(locale, 'choicesHint', { choices: field.choices.map((c) => c.value).join('/') }));
  if (field.kind === 'rating') parts.push(m.s(locale, 'choicesHint', { choices: `${field.min}-${field.max}` }));
  if (field.placeholder && (field.kind === 'short' || field.kind === 'long')) parts.push(m.s(locale, 'exampleHint', { example: field.placeholder }));
  if (!field.required) parts.push(m.s(locale, 'optionalHint'));
  if (refused) parts.push(m.s(locale, 'refusedHint', { value: refused.length > 40 ? `${refused.slice(0, 39)}…` : refused }));
  return parts.join('');
}

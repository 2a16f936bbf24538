import type { Form, FormField } from './form.ts';
import type { Locale } from './i18n.ts';
import { coreMessages as m } from './messages.ts';
import type { Text } from './text.ts';

/**
 * Checks submitted values against the form's own field rules, the same on every platform (a
 * console prompt has no client-side limits; a Discord modal does, but values are re-checked here).
 */
export function checkForm(form: Form, values: Record<string, string>, locale: Locale): Record<string, Text> {
  const errors: Record<string, Text> = {};
  for (const field of form.fields) {
    const problem = checkField(field, (values[field.id] ?? '').trim(), locale);
    if (problem) errors[field.id] = problem;
  }
  return errors;
}

function checkField(field: FormField, value: string, locale: Locale): Text | undefined {
  const label = field.label;
  if (value === '') return field.required ? m.t(locale, 'fieldRequired', { label }) : undefined;
  switch (field.kind) {
    case 'short':
    case 'long': {
      const length = [...value].length;
      if (field.minLength !== undefined && length < field.minLength)
        return m.t(locale, 'fieldTooShort', { label, min: field.minLength, length });
      return length > field.maxLength
        ? m.t(locale, 'fieldTooLong', { label, max: field.maxLength, length })
        : undefined;
    }
    case 'choice': {
      const ok = field.choices.some((choice) => choice.value === value);
      return ok
        ? undefined
        : m.t(locale, 'fieldChoice', { label, choices: field.choices.map((c) => c.value).join(', ') });
    }
    case 'rating': {
      const rating = Number(value);
      const ok = /^\d+$/.test(value) && rating >= field.min && rating <= field.max;
      return ok ? undefined : m.t(locale, 'fieldRating', { label, min: field.min, max: field.max });
    }
  }
}

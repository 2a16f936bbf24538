/**
 * A neutral Form as a Discord modal, and a modal submission back as form values. Text fields are
 * text inputs; choices and ratings are select menus (Discord lets a Label hold one in a modal).
 * Each field sits in a Label, whose description carries the field's problem from a last attempt.
 */
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { Form, FormField } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import { instantOf, wordsOf, type Text } from '../../core/text.ts';
import { cut } from './escape.ts';

export const MODAL_LIMITS = {
  title: 45,
  label: 45,
  description: 100,
  placeholder: 100,
  value: 4000,
  options: 25,
} as const;

export type ModalJson = APIModalInteractionResponseCallbackData;

export function modalOf(form: Form, customId: string, locale: Locale): ModalJson {
  const components = form.fields.map((field) => {
    const problem = form.errors[field.id];
    const value = form.values[field.id];
    return {
      type: ComponentType.Label,
      label: cut(field.label, MODAL_LIMITS.label),
      ...(problem ? { description: cut(`⚠ ${plainText(problem, locale)}`, MODAL_LIMITS.description) } : {}),
      component: componentOf(field, value),
    };
  });
  return { custom_id: customId, title: cut(form.title, MODAL_LIMITS.title), components } as ModalJson;
}

function componentOf(field: FormField, value: string | undefined) {
  switch (field.kind) {
    case 'short':
    case 'long':
      return textInput(field, value);
    case 'choice':
    case 'rating':
      return select(field, value);
  }
}

function textInput(field: Extract<FormField, { kind: 'short' | 'long' }>, value: string | undefined) {
  const max = Math.min(field.maxLength, MODAL_LIMITS.value);
  // Discord refuses a pre-filled value longer than the field (the core cuts it first and says so;
  // this is the last guard, in UTF-16 units as Discord counts).
  const fitted = value && value.length > max ? value.slice(0, max).replace(/[\uD800-\uDBFF]$/, '') : value;
  return {
    type: ComponentType.TextInput,
    custom_id: field.id,
    style: field.kind === 'long' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: field.required,
    max_length: max,
    ...(field.minLength ? { min_length: Math.min(field.minLength, max) } : {}),
    ...(field.placeholder ? { placeholder: cut(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
    ...(fitted ? { value: fitted } : {}),
  };
}

function select(field: Extract<FormField, { kind: 'choice' | 'rating' }>, value: string | undefined) {
  const choices =
    field.kind === 'choice'
      ? field.choices
      : Array.from({ length: field.max - field.min + 1 }, (_, index) => ({
          value: String(field.min + index),
          label: String(field.min + index),
        }));
  return {
    type: ComponentType.StringSelect,
    custom_id: field.id,
    required: field.required,
    min_values: field.required ? 1 : 0,
    max_values: 1,
    ...(field.placeholder ? { placeholder: cut(field.placeholder, MODAL_LIMITS.placeholder) } : {}),
    options: choices.slice(0, MODAL_LIMITS.options).map((choice) => ({
      label: cut(choice.label, 100),
      value: choice.value,
      ...(choice.value === value ? { default: true } : {}),
    })),
  };
}

/** What a member filled in: text inputs and the chosen option of each select; empty fields left out. */
export function submittedValues(
  fields: Iterable<{ customId: string; value?: string | null; values?: readonly string[] }>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = field.values ? field.values[0] : field.value;
    if (value !== undefined && value !== null && value !== '') values[field.customId] = value;
  }
  return values;
}

/** Rich text as the plain words a label can hold: no Markdown there, times in the reader's language. */
export function plainText(text: Text, locale: Locale): string {
  return wordsOf(text, (inline) =>
    instantOf(inline)
      .setLocale(locale)
      .toLocaleString(inline.style === 'time' ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium' }),
  );
}

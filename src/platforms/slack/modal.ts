/**
 * A neutral Form as a Slack modal (`views.open`), and back: each field an input block whose
 * block_id is the field's id; the form's id, state and channel travel in `private_metadata`.
 */
import type { Form, FormField } from '../../core/form.ts';
import type { Locale } from '../../core/i18n.ts';
import { instantOf, type Text } from '../../core/text.ts';
import { cut } from './escape.ts';
import { slackMessages as m } from './messages.ts';
import { fallback } from './time.ts';

/** Slack's modal limits (api.slack.com/reference/surfaces/views, block-kit/block-elements). */
export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  label: 2000,
  placeholder: 150,
  input: 3000,
  options: 100,
  optionText: 75,
  metadata: 3000,
  callbackId: 255,
} as const;

/** The action id of every field's element: the block id says which field it is. */
export const FIELD_ACTION = 'value';

/** What a modal carries back: the form it stands for, its state, and where it was asked from. */
export interface ModalMetadata {
  form: string;
  state: Record<string, string>;
  channel: string;
}

export interface ViewContext {
  locale: Locale;
  zone: string;
  channel: string;
}

export type SlackView = {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit: PlainText;
  close: PlainText;
  blocks: Array<Record<string, unknown>>;
};

type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
const plainText = (text: string, max: number): PlainText => ({ type: 'plain_text', text: cut(text || ' ', max) });

/** The modal of a form; its problems from a last attempt are shown under their field. */
export function viewOf(form: Form, context: ViewContext): SlackView {
  const metadata: ModalMetadata = { form: form.id, state: form.state, channel: context.channel };
  const blocks = form.fields.flatMap((field) => {
    const problem = form.errors[field.id];
    const input = inputBlock(field, form.values[field.id]);
    if (!problem) return [input];
    return [
      input,
      {
        type: 'context',
        elements: [{ type: 'plain_text', text: cut(`⚠ ${words(problem, context)}`, MODAL_LIMITS.input), emoji: true }],
      },
    ];
  });
  return {
    type: 'modal',
    callback_id: cut(form.id, MODAL_LIMITS.callbackId),
    private_metadata: JSON.stringify(metadata),
    title: plainText(form.title, MODAL_LIMITS.title),
    submit: plainText(m.s(context.locale, 'submit'), MODAL_LIMITS.button),
    close: plainText(m.s(context.locale, 'cancel'), MODAL_LIMITS.button),
    blocks,
  };
}

function inputBlock(field: FormField, value: string | undefined): Record<string, unknown> {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plainText(field.label, MODAL_LIMITS.label),
    element: elementOf(field, value),
  };
}

function elementOf(field: FormField, value: string | undefined): Record<string, unknown> {
  const placeholder = field.placeholder ? { placeholder: plainText(field.placeholder, MODAL_LIMITS.placeholder) } : {};
  if (field.kind === 'choice' || field.kind === 'rating') {
    const options = choicesOf(field)
      .slice(0, MODAL_LIMITS.options)
      .map((choice) => ({ text: plainText(choice.label, MODAL_LIMITS.optionText), value: choice.value }));
    const initial = options.find((option) => option.value === value);
    return {
      type: 'static_select',
      action_id: FIELD_ACTION,
      options,
      ...placeholder,
      ...(initial ? { initial_option: initial } : {}),
    };
  }
  const max = Math.min(field.maxLength, MODAL_LIMITS.input);
  return {
    type: 'plain_text_input',
    action_id: FIELD_ACTION,
    multiline: field.kind === 'long',
    max_length: max,
    ...(field.minLength ? { min_length: Math.min(field.minLength, max) } : {}),
    ...placeholder,
    ...(value ? { initial_value: cut(value, max) } : {}),
  };
}

function choicesOf(field: Extract<FormField, { kind: 'choice' | 'rating' }>): Array<{ value: string; label: string }> {
  if (field.kind === 'choice') return field.choices;
  return Array.from({ length: field.max - field.min + 1 }, (_, i) => ({
    value: String(field.min + i),
    label: String(field.min + i),
  }));
}

/** A submitted modal's state values: each field's text or chosen option; empty ones left out. */
export function submittedValues(
  values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const state = actions[FIELD_ACTION];
    const value = state?.selected_option?.value ?? state?.value;
    if (value !== undefined && value !== null && value !== '') out[blockId] = value;
  }
  return out;
}

/** The metadata of a modal this adapter opened, or undefined for one it did not. */
export function metadataOf(raw: string): ModalMetadata | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<ModalMetadata>;
    if (
      typeof parsed.form !== 'string' ||
      typeof parsed.channel !== 'string' ||
      typeof parsed.state !== 'object' ||
      parsed.state === null
    )
      return undefined;
    return parsed as ModalMetadata;
  } catch {
    return undefined;
  }
}

/** `response_action: errors`: each problem on its field's block, as plain words. */
export function fieldErrors(form: Form, context: Pick<ViewContext, 'locale' | 'zone'>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const problem = form.errors[field.id];
    if (problem) errors[field.id] = cut(words(problem, context), 2000);
  }
  return errors;
}

/** Rich text as the plain words a label holds: times in the community's zone, mentions by name. */
function words(text: Text, context: Pick<ViewContext, 'locale' | 'zone'>): string {
  return text
    .map((inline) => {
      if (inline.type === 'time') return fallback(instantOf(inline), inline.style, context.zone, context.locale);
      if (inline.type === 'mention') return `@${inline.name}`;
      if (inline.type === 'link') return inline.label;
      return inline.text;
    })
    .join('');
}

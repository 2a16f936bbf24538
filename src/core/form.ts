import type { Text } from './text.ts';

/**
 * A request for input, rendered as a Discord modal, a Slack `views.open` modal or console prompts.
 * Limits are Discord's, the tighter of the two: at most 5 fields, a title and labels of at most 45
 * characters, text inputs of at most 4,000 characters.
 */
export const FORM_LIMITS = { fields: 5, title: 45, label: 45, textMax: 4000 } as const;

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  placeholder?: string;
}

export type FormField =
  | (FieldBase & { kind: 'short' | 'long'; minLength?: number; maxLength: number })
  | (FieldBase & { kind: 'choice'; choices: Array<{ value: string; label: string }> })
  | (FieldBase & { kind: 'rating'; min: number; max: number });

export interface Form {
  kind: 'form';
  /** `<command>:<form>`; the submission comes back to that command's `submit`. */
  id: string;
  title: string;
  fields: FormField[];
  /** Pre-filled values: what the person typed before, kept when the form comes back. */
  values: Record<string, string>;
  /** Per-field problems from a previous attempt, shown next to the field where the platform can. */
  errors: Record<string, Text>;
  /** Opaque state carried through the platform (event id, proposal id); never shown. */
  state: Record<string, string>;
  /**
   * Every field is shown with its value, to be kept or changed (an edit), even when all are
   * filled in: a platform that asks only for what is missing must ask them all here.
   */
  review?: boolean;
}

export interface FormSubmission {
  formId: string;
  values: Record<string, string>;
  state: Record<string, string>;
}

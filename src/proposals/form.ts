import type { Options } from '../core/command.ts';
import type { Form, FormField } from '../core/form.ts';
import { FORM_LIMITS } from '../core/form.ts';
import { checkForm } from '../core/formCheck.ts';
import type { Locale } from '../core/i18n.ts';
import { truncate, type Text } from '../core/text.ts';
import type { Proposal, ProposalFields } from './model.ts';
import { proposalMessages as m } from './messages.ts';
import type { ProposalSettings } from './settings.ts';

/** The one form of /propose: a new proposal (state `event`) or an edit (state `id`). */
export const PROPOSAL_FORM_ID = 'propose:proposal';

export const FIELD_LIMITS = { title: 100, abstract: 1000, bio: 500, handle: 100 } as const;

/** Field ids are also the option names, so `title:"…"` and the form's Title are one value. */
export const FIELD_IDS = ['title', 'abstract', 'duration', 'bio', 'handle'] as const;
const REQUIRED = ['title', 'abstract', 'duration'] as const;

export type FormValues = Record<string, string>;

export interface FormInput {
  heading: string;
  values: FormValues;
  errors?: Record<string, Text>;
  state: Record<string, string>;
  /** An edit: every field is shown with its current value. */
  review?: boolean;
}

export function proposalForm(locale: Locale, settings: ProposalSettings, input: FormInput): Form {
  const label = (key: Parameters<typeof m.s>[1]) => m.s(locale, key).slice(0, FORM_LIMITS.label);
  const fields: FormField[] = [
    {
      id: 'title',
      kind: 'short',
      label: label('fieldTitle'),
      required: true,
      maxLength: FIELD_LIMITS.title,
      placeholder: m.s(locale, 'titlePlaceholder'),
    },
    {
      id: 'abstract',
      kind: 'long',
      label: label('fieldAbstract'),
      required: true,
      maxLength: FIELD_LIMITS.abstract,
      placeholder: m.s(locale, 'abstractPlaceholder'),
    },
    {
      id: 'duration',
      kind: 'choice',
      label: label('fieldDuration'),
      required: true,
      choices: settings.durations.map((minutes) => ({
        value: String(minutes),
        label: m.s(locale, 'durationChoice', { minutes }),
      })),
    },
    {
      id: 'bio',
      kind: 'long',
      label: label('fieldBio'),
      required: false,
      maxLength: FIELD_LIMITS.bio,
      placeholder: m.s(locale, 'bioPlaceholder'),
    },
    {
      id: 'handle',
      kind: 'short',
      label: label('fieldHandle'),
      required: false,
      maxLength: FIELD_LIMITS.handle,
      placeholder: m.s(locale, 'handlePlaceholder'),
    },
  ];
  return {
    kind: 'form',
    id: PROPOSAL_FORM_ID,
    title: truncate(input.heading, FORM_LIMITS.title),
    fields,
    values: input.values,
    errors: input.errors ?? {},
    state: input.state,
    ...(input.review ? { review: true } : {}),
  };
}

/** The proposal fields given as command options (`title:"…" duration:5`), as form values. */
export function valuesFromOptions(options: Options): FormValues {
  const values: FormValues = {};
  for (const id of FIELD_IDS) {
    const value = options[id];
    if (value !== undefined) values[id] = String(value);
  }
  return values;
}

export function valuesOf(proposal: Proposal): FormValues {
  return {
    title: proposal.title,
    abstract: proposal.abstract,
    duration: String(proposal.duration),
    bio: proposal.speaker.bio ?? '',
    handle: proposal.speaker.handle ? `@${proposal.speaker.handle}` : '',
  };
}

/** Whether checked fields would change nothing of a proposal. */
export function sameAs(proposal: Proposal, fields: ProposalFields): boolean {
  const { title, abstract, duration, speaker } = proposal;
  return (
    title === fields.title &&
    abstract === fields.abstract &&
    duration === fields.duration &&
    speaker.bio === fields.bio &&
    speaker.handle === fields.handle
  );
}

export const hasAllRequired = (values: FormValues): boolean => REQUIRED.every((id) => (values[id] ?? '').trim() !== '');

export type Checked = { ok: true; fields: ProposalFields } | { ok: false; errors: Record<string, Text> };

/**
 * Checks values against the form's rules (same code on every platform) plus the handle's shape.
 * With `onlyGiven`, fields not yet filled are not errors (a form pre-filled from options).
 */
export function checkValues(form: Form, values: FormValues, locale: Locale, onlyGiven = false): Checked {
  const errors = checkForm(form, values, locale);
  const handle = normaliseHandle(values.handle ?? '');
  if (handle !== '' && !/^[\p{L}\p{N}._-]+(@[\p{L}\p{N}.-]+)?$/u.test(handle)) {
    errors.handle = m.t(locale, 'handleInvalid', {
      label: form.fields.find((f) => f.id === 'handle')?.label ?? 'handle',
    });
  }
  if (onlyGiven) for (const id of Object.keys(errors)) if ((values[id] ?? '').trim() === '') delete errors[id];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const bio = (values.bio ?? '').trim();
  return {
    ok: true,
    fields: {
      title: oneLine(values.title ?? ''),
      abstract: (values.abstract ?? '').trim(),
      duration: Number(values.duration),
      ...(bio ? { bio } : {}),
      ...(handle ? { handle } : {}),
    },
  };
}

/** `@you` and `you` are the same handle; it is stored without the leading @. */
function normaliseHandle(value: string): string {
  return value.trim().replace(/^@+/, '');
}

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

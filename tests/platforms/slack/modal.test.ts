import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/core/form.ts';
import { plain } from '../../../src/core/text.ts';
import { fieldErrors, metadataOf, submittedValues, viewOf } from '../../../src/platforms/slack/modal.ts';

const form: Form = {
  kind: 'form',
  id: 'propose:proposal',
  title: 'Propose a lightning talk for meetup #13',
  fields: [
    { id: 'title', kind: 'short', label: 'Title', required: true, maxLength: 100 },
    { id: 'abstract', kind: 'long', label: 'Abstract', required: true, maxLength: 4000 },
    {
      id: 'duration',
      kind: 'choice',
      label: 'Duration',
      required: true,
      choices: [
        { value: '5', label: '5 min' },
        { value: '10', label: '10 min' },
      ],
    },
    { id: 'rating', kind: 'rating', label: 'Rating', required: false, min: 1, max: 5 },
  ],
  values: { title: 'x'.repeat(150), duration: '10' },
  errors: { title: [plain('Title takes at most 100 characters')] },
  state: { event: '13' },
};

describe('Slack modals', () => {
  const view = viewOf(form, { locale: 'fr', zone: 'Europe/Paris', channel: 'C0GENERAL' });

  it('fits Slack’s limits: a 24-character title, inputs of at most 3,000, values within their field', () => {
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit.text).toBe('Envoyer');
    const [title, problem, abstract, duration, rating] = view.blocks as Array<Record<string, any>>;
    expect(title).toMatchObject({ type: 'input', block_id: 'title', optional: false, element: { max_length: 100 } });
    expect(title!.element.initial_value.length).toBeLessThanOrEqual(100);
    expect(problem).toMatchObject({ type: 'context', elements: [{ text: '⚠ Title takes at most 100 characters' }] });
    expect(abstract!.element).toMatchObject({ multiline: true, max_length: 3000 });
    expect(duration!.element).toMatchObject({ type: 'static_select', initial_option: { value: '10' } });
    expect(rating!.element.options.map((o: { value: string }) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(rating).toMatchObject({ optional: true });
  });

  it('carries the form, its state and the channel in private_metadata, and reads them back', () => {
    expect(metadataOf(view.private_metadata)).toEqual({
      form: 'propose:proposal',
      state: { event: '13' },
      channel: 'C0GENERAL',
    });
    expect(metadataOf('not ours')).toBeUndefined();
    expect(metadataOf('{"form":1}')).toBeUndefined();
  });

  it('reads text and chosen options back, leaves empty fields out, and puts problems on their block', () => {
    expect(
      submittedValues({
        title: { value: { value: 'Chaos' } },
        bio: { value: { value: '' } },
        duration: { value: { selected_option: { value: '5' } } },
      }),
    ).toEqual({ title: 'Chaos', duration: '5' });
    expect(fieldErrors(form, { locale: 'en', zone: 'Europe/Paris' })).toEqual({
      title: 'Title takes at most 100 characters',
    });
  });
});

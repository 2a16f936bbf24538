/** Forms as Discord modals, and form state carried within a custom_id's 100 characters. */
import { ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Form } from '../../../src/core/form.ts';
import { decodeRoute, ROUTE_MAX } from '../../../src/core/route.ts';
import { literal } from '../../../src/core/text.ts';
import { modalOf, submittedValues } from '../../../src/platforms/discord/modal.ts';
import { Stash } from '../../../src/platforms/discord/stash.ts';
import { memoryStore } from '../../../src/store/memoryStore.ts';

const form: Form = {
  kind: 'form',
  id: 'propose:proposal',
  title: 'Proposer un lightning talk pour le meetup numéro treize',
  fields: [
    { id: 'title', kind: 'short', label: 'Titre', required: true, maxLength: 10 },
    {
      id: 'duration',
      kind: 'choice',
      label: 'Durée',
      required: true,
      choices: [
        { value: '5', label: '5 min' },
        { value: '10', label: '10 min' },
      ],
    },
    { id: 'rating', kind: 'rating', label: 'Note', required: false, min: 1, max: 5 },
  ],
  values: { title: 'Chaos 🐒🐒🐒🐒', duration: '10' },
  errors: { duration: [literal('x'.repeat(200))] },
  state: { event: '2027-01-20-meetup-13' },
};

type Shown = {
  type: number;
  label: string;
  description?: string;
  component: {
    type: number;
    value?: string;
    max_length?: number;
    options?: Array<{ value: string; default?: boolean }>;
    min_values?: number;
  };
};

describe('a Form as a Discord modal', () => {
  const modal = modalOf(form, 'f:propose:proposal:', 'fr');
  const shown = modal.components as unknown as Shown[];

  it('keeps Discord’s limits: a 45-character title, labels wrapping each input', () => {
    expect([...modal.title].length).toBeLessThanOrEqual(45);
    expect(shown.every((label) => label.type === ComponentType.Label)).toBe(true);
  });

  it('cuts a pre-filled value to the field’s length without splitting a character', () => {
    const title = shown[0]!.component;
    expect(title.value!.length).toBeLessThanOrEqual(10);
    expect(title.value).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('shows choices and ratings as select menus, the current value chosen', () => {
    const duration = shown[1]!.component;
    expect(duration.type).toBe(ComponentType.StringSelect);
    expect(duration.options!.filter((option) => option.default).map((option) => option.value)).toEqual(['10']);
    const rating = shown[2]!.component;
    expect(rating.options!.map((option) => option.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(rating.min_values).toBe(0);
  });

  it('puts a field’s problem in its label’s description, within 100 characters', () => {
    expect(shown[1]!.description).toMatch(/^⚠ x+…$/);
    expect(shown[1]!.description!.length).toBeLessThanOrEqual(100);
    expect(shown[0]!.description).toBeUndefined();
  });

  it('reads a submission back: text, the chosen option, empty fields left out', () => {
    expect(
      submittedValues([
        { customId: 'title', value: 'Chaos' },
        { customId: 'duration', values: ['5'] },
        { customId: 'bio', value: '' },
        { customId: 'rating', values: [] },
      ]),
    ).toEqual({
      title: 'Chaos',
      duration: '5',
    });
  });
});

describe('form state in a modal’s custom_id', () => {
  it('travels in the route when it fits, and in the store behind a short key when it does not', async () => {
    const stash = new Stash(memoryStore());
    const small = await stash.formRoute('propose:proposal', { event: '2027-01-20-meetup-13' });
    const route = decodeRoute(small);
    expect(route?.kind === 'form' && (await stash.state(route.state))).toEqual({ event: '2027-01-20-meetup-13' });
    const state = { event: 'e'.repeat(90), id: '3' };
    const big = await stash.formRoute('propose:proposal', state);
    expect(big.length).toBeLessThanOrEqual(ROUTE_MAX);
    const stashed = decodeRoute(big);
    expect(stashed?.kind === 'form' && (await stash.state(stashed.state))).toEqual(state);
    expect(await stash.state('snothere')).toBeUndefined();
  });
});

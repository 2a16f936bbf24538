/**
 * A member filling in a modal: the submission mirrors the modal the bot showed (action rows of
 * text inputs, or labels wrapping a text input or a select), as the Discord client builds it.
 * A value for a field the modal does not have, or a required field left empty, is refused:
 * the client would not let a member do either.
 */
import {
  ComponentType,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmission,
  type APIModalSubmissionComponent,
  type ModalSubmitComponent,
} from 'discord-api-types/v10';

export type ModalValues = Record<string, string | string[]>;

interface ShownInput {
  type: number;
  custom_id?: string;
  id?: number;
  required?: boolean;
  min_length?: number;
  max_length?: number;
}

export function fillModal(modal: APIModalInteractionResponseCallbackData, values: ModalValues): APIModalSubmission {
  const used = new Set<string>();
  let nextId = 1;
  const idOf = (component: { id?: number }) => component.id ?? nextId++;
  const answer = (input: ShownInput): ModalSubmitComponent => {
    const customId = input.custom_id ?? '';
    used.add(customId);
    const value = values[customId];
    if (input.type === ComponentType.TextInput) {
      const text = typeof value === 'string' ? value : '';
      checkText(modal.custom_id, input, text);
      return { type: ComponentType.TextInput, id: idOf(input), custom_id: customId, value: text };
    }
    if (input.type === ComponentType.StringSelect) {
      const chosen = Array.isArray(value) ? value : value === undefined ? [] : [value];
      if (input.required !== false && chosen.length === 0)
        throw new Error(`modal ${modal.custom_id}: ${customId} is required`);
      return { type: ComponentType.StringSelect, id: idOf(input), custom_id: customId, values: chosen };
    }
    throw new Error(`modal ${modal.custom_id}: the fake cannot fill a component of type ${ComponentType[input.type]}`);
  };
  const components = modal.components.map((shown): APIModalSubmissionComponent => {
    const node = shown as { type: number; id?: number; components?: ShownInput[]; component?: ShownInput };
    if (node.type === ComponentType.ActionRow) {
      const inputs = (node.components ?? []).map((input) => answer(input));
      return {
        type: ComponentType.ActionRow,
        id: idOf(node),
        components: inputs as Extract<ModalSubmitComponent, { type: ComponentType.TextInput }>[],
      };
    }
    if (node.type === ComponentType.Label && node.component)
      return { type: ComponentType.Label, id: idOf(node), component: answer(node.component) };
    return { type: ComponentType.TextDisplay, id: idOf(node) };
  });
  const unknown = Object.keys(values).filter((key) => !used.has(key));
  if (unknown.length) throw new Error(`modal ${modal.custom_id} has no field ${unknown.join(', ')}`);
  return { custom_id: modal.custom_id, components };
}

function checkText(modalId: string, input: ShownInput, text: string): void {
  const name = input.custom_id ?? '?';
  if (input.required !== false && text === '') throw new Error(`modal ${modalId}: ${name} is required`);
  if (text === '') return;
  if (input.min_length !== undefined && text.length < input.min_length)
    throw new Error(`modal ${modalId}: ${name} is shorter than ${input.min_length}`);
  if (input.max_length !== undefined && text.length > input.max_length)
    throw new Error(`modal ${modalId}: ${name} is longer than ${input.max_length}`);
}

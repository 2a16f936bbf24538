import type { z } from 'zod';

/** The keys a (possibly wrapped) zod object accepts at a path, to suggest the right one for a typo. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const part of path) {
    const shape = shapeOf(current);
    if (!shape || typeof part !== 'string') return [];
    current = shape[part];
  }
  return Object.keys(shapeOf(current) ?? {});
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown } } } | undefined;
  while (current && !current.shape && current._zod?.def?.innerType) current = current._zod.def.innerType as typeof current;
  return current?.shape;
}

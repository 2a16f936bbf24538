import type { z } from 'zod';

/**
 * The keys the object at `path` of a (possibly wrapped) zod schema accepts, and only those: a typo
 * is matched against the fields of the object it was written in, never another object's.
 */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const part of path) {
    const inner = unwrap(current);
    if (typeof part === 'symbol') return [];
    current = typeof part === 'number' ? inner?._zod?.def?.element : inner?.shape?.[part];
    if (current === undefined) return [];
  }
  return Object.keys(unwrap(current)?.shape ?? {});
}

interface SchemaLike {
  shape?: Record<string, unknown>;
  _zod?: { def?: { innerType?: unknown; element?: unknown; in?: unknown } };
}

/** Through `.optional()`, `.default()`, `.prefault()` (innerType) and `.pipe()`/`.transform()` (in). */
function unwrap(schema: unknown): SchemaLike | undefined {
  let current = schema as SchemaLike | undefined;
  while (
    current &&
    !current.shape &&
    !current._zod?.def?.element &&
    (current._zod?.def?.innerType || current._zod?.def?.in)
  ) {
    current = (current._zod.def.innerType ?? current._zod.def.in) as SchemaLike;
  }
  return current;
}

import path from 'node:path';

/** The repository's root: where `bin/emcee.mjs`, `config/` and `package.json` are. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

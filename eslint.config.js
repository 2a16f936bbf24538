// ESLint, type-aware (typescript-eslint): `npm run lint`, and part of `npm test`, so CI enforces it.
// Layout is Prettier's job (`.prettierrc.json`): no rule here is about formatting.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'data/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // The TypeScript files are tsconfig.json's; the few JavaScript entry points outside it get
        // the default project, so that their promises are checked too.
        projectService: { allowDefaultProject: ['bin/*.mjs', 'deploy/*.mjs', 'eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The habits this configuration exists for (issue 12), stated even where the preset has them.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `default:` is the code's explicit "every other case" (mdast nodes, Discord's enums); a
      // switch without one must name every member of its union.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],

      // A closure that reads a variable before its one assignment (a test's late-bound value) needs `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],

      // Turned off from the recommended set, each for a reason:
      // - The code types what comes from an untyped source where it enters, by annotating the
      //   variable (`const rows: Array<{ owner: string }> = await admin.query(…)`: SQLite's `query`
      //   answers `any`); the rule asks for an `as` on top, saying the same thing. The other
      //   no-unsafe-* rules still catch an `any` that is used before it is typed.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // - An `async` function without `await` is how the code implements a Promise-returning
      //   interface (posters, stores, fakes), and it keeps a throw inside it a rejection rather than
      //   a synchronous exception.
      '@typescript-eslint/require-await': 'off',
      // - Interfaces declare their callbacks in method syntax (`lineOf(path)`, `agenda(id)`,
      //   `drain()`) and every implementation is a closure or an object literal that never uses `this`;
      //   the rule cannot tell those from class methods and flagged only them.
      '@typescript-eslint/unbound-method': 'off',
      // - Platform codes arrive from the wire as plain numbers (gateway close codes, component
      //   types) and are compared with discord-api-types' enums, which is what those enums are for.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // - `String(value)` is the deliberate rendering of an `unknown` value (a parsed XML attribute,
      //   a log record's field); template literals stay checked by restrict-template-expressions.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read untyped documents (Kubernetes manifests, the JSON the fakes receive, Block Kit
    // payloads) and assert on them: a wrong shape fails the assertion, so tracking `any` through
    // them would add casts and catch nothing.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript has no types: every imported value is `any` to these rules.
    files: ['**/*.{js,mjs}'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);

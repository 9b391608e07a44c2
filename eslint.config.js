// Lint and the dependency rules of DESIGN.md, enforced: a wrong import fails `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'events'];
// A rule names either module paths ("modules", matched exactly) or relative-path patterns ("group").
const restrict = (...rules) => [
  'error',
  {
    paths: rules.flatMap((r) => (r.modules ?? []).map((name) => ({ name, message: r.message }))),
    patterns: rules.flatMap((r) => [
      ...(r.group ? [{ group: r.group, message: r.message }] : []),
      ...(r.modules?.includes('fs') ? [{ group: ['node:*'], message: r.message }] : []),
      ...(r.subpaths ? [{ group: r.subpaths, message: r.message }] : []),
    ]),
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      // We match control characters on purpose: they are what header-injection and bad input look like.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        {
          group: ['**/electron/**', '**/renderer/**', '**/tests/**'],
          message: 'shared/ imports nothing of the project outside shared/.',
        },
        {
          modules: ['electron', 'react', 'react-dom', 'better-sqlite3', 'ws', 'jssip', 'sip.js', ...nodeBuiltins],
          message: 'shared/ is pure: no Node, DOM, Electron, React or SIP libraries.',
        },
        {
          modules: ['zod'],
          message:
            "Use 'zod/mini' (z.optional(s), s.check(z.maxLength(n)), z.strictObject): shared/ ships in the renderer's start chunk (issue 19).",
        },
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(
        { group: ['**/electron/**', '**/tests/**'], message: 'renderer/ imports shared/, never electron/.' },
        {
          modules: ['electron', 'better-sqlite3', 'ws', 'sip.js', ...nodeBuiltins],
          message: 'The renderer has no Node, Electron or storage access; use the HostApi.',
        },
        { modules: ['jssip'], subpaths: ['jssip/*'], message: 'Only renderer/src/phone/ talks SIP.' },
        {
          modules: ['zod'],
          message: "Use 'zod/mini': classic zod's methods and JSON-schema code would ship at start (issue 19).",
        },
        {
          modules: ['i18next', 'react-i18next'],
          message: "Use renderer/src/i18n (useTranslation, t): i18next's 40 KB and per-render t() cost were issue 19's.",
        },
      ),
    },
  },
  {
    files: ['renderer/src/phone/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/electron/**', '**/tests/**'], message: 'renderer/ imports shared/, never electron/.' },
        {
          modules: ['electron', 'better-sqlite3', 'ws', 'sip.js', 'react', ...nodeBuiltins],
          message: 'phone/ is the SIP engine: no React, Node or Electron.',
        },
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/renderer/**', '**/tests/**'], message: 'electron/ imports shared/, never renderer/.' },
        { modules: ['electron'], message: 'Only electron/main/ and electron/preload/ import electron.' },
        { modules: ['jssip', 'sip.js', 'react', 'react-dom'], message: 'No SIP stack or React in the Node side.' },
      ),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { group: ['**/renderer/**', '**/tests/**'], message: 'electron/ imports shared/, never renderer/.' },
        { modules: ['jssip', 'sip.js', 'react', 'react-dom'], message: 'No SIP stack or React in the Node side.' },
      ),
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);

// Import direction is the architecture (README "Layout"): core ← db ← server ← electron, renderer → core only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Test support (tests/, the test entry points) never ships: no shipped folder imports it.
const testSupport = {
  group: ['**/tests', '**/tests/**', '**/*.test-support', '**/*.test-support.*'],
  message: 'Shipped code does not import test support.',
};
const restrict = (message, ...dirs) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]), message }, testSupport] },
  ],
});
// All SQL lives in db/, behind named functions: outside it no SQL string, no prepare/pragma/exec.
const SQL_START =
  '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|DETACH|ANALYZE|VACUUM|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|WITH)\\s/';
const SQL_MESSAGE = 'SQL lives in db/, behind a named function.';
const sqlOnlyInDb = {
  'no-restricted-syntax': [
    'error',
    { selector: `Literal[value=${SQL_START}]`, message: SQL_MESSAGE },
    { selector: `TemplateElement[value.raw=${SQL_START}]`, message: SQL_MESSAGE },
    { selector: "CallExpression[callee.property.name='prepare']", message: SQL_MESSAGE },
    { selector: "CallExpression[callee.property.name='pragma']", message: SQL_MESSAGE },
    {
      selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/Literal/]",
      message: SQL_MESSAGE,
    },
  ],
};
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'child_process'],
  message: 'core/ and renderer/ stay free of Node built-ins.',
};

// core/ and the renderer also run where Node, Electron and SQLite are not (a browser, a worker).
const restrictPure = (message, ...dirs) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [...dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]), 'electron', 'better-sqlite3'],
          message,
        },
        nodeBuiltins,
        testSupport,
      ],
    },
  ],
});
export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      ...restrictPure('core/ imports nothing of ours.', 'db', 'server', 'electron', 'renderer'),
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict('db/ imports only core/.', 'server', 'electron', 'renderer'),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict('server/ imports only db/ and core/.', 'electron', 'renderer'),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict('electron/ imports only server/ and core/.', 'renderer', 'db'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...restrictPure('renderer/ imports only core/.', 'db', 'server', 'electron'),
    },
  },
  {
    files: ['core/**/*.ts', 'server/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    // The integrity worker is a self-contained bundle entry (it may share no module with main).
    ignores: ['server/integrity/worker.ts'],
    rules: sqlOnlyInDb,
  },
);

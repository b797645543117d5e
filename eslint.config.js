import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test/corpus/', 'coverage/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // DESIGN §6: the core and the parsers are pure: no node:* imports, no I/O, no clock.
    files: ['agent/core/**/*.ts', 'agent/parsers/**/*.ts'],
    ignores: ['agent/parsers/pool/**'], // worker plumbing, not parsing
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'dgram'], message: 'core and parsers are pure (DESIGN §6)' }] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'time is a parameter in pure code' }, { name: 'setTimeout', message: 'no timers in pure code' }, { name: 'setInterval', message: 'no timers in pure code' }, { name: 'console', message: 'no logging in pure code' }],
    },
  },
  {
    // Issue 14: one error convention (proto/coded-error.ts). Codes come from a CodedError or errorCode(), never from a cast.
    files: ['agent/**/*.ts', 'proto/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'TSAsExpression > TSIntersectionType > TSTypeReference[typeName.name="Error"]',
        message: 'no `as Error & {...}`: use errorCode / describeError from proto/coded-error.ts, or throw a CodedError',
      }],
    },
  },
);

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layering } from './build/eslint-layering.js';

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
    // CommonJS on purpose (bin/spokepilot.cjs answers --help without the ES module loader).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
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
    // Issue 14: the core imports only proto/ and itself (ip-num: pure prefix arithmetic).
    files: ['agent/core/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/layers': ['error', { layer: 'agent/core', allow: ['agent/core', 'proto'], packages: ['ip-num'] }] },
  },
  {
    // Issue 14: the shell reaches the outside world only through agent/ports/; agent/compose/ wires the adapters in.
    files: ['agent/shell/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/layers': ['error', { layer: 'agent/shell', forbid: ['agent/adapters', 'agent/compose'] }] },
  },
  {
    // Ports are interfaces and plain records: they name no adapter and no wiring.
    files: ['agent/ports/**/*.ts'],
    plugins: { layering },
    rules: { 'layering/layers': ['error', { layer: 'agent/ports', forbid: ['agent/adapters', 'agent/shell', 'agent/compose'] }] },
  },
  {
    // Issue 14: a switch over a union (an action, a report, a payload's leaf) without a default names every
    // member, so a new kind is a lint error where it is not handled (a default says "the rest" on purpose).
    // Type-aware, so only where it pays: the product code.
    files: ['agent/**/*.ts', 'proto/**/*.ts', 'lab/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Issue 14: one error convention (proto/coded-error.ts). Codes come from a CodedError or errorCode(), never from a cast.
    // And no double cast: a shape that arrives untyped is checked (a schema's type guard, a decoder), not asserted.
    files: ['agent/**/*.ts', 'proto/**/*.ts', 'lab/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'TSAsExpression > TSIntersectionType > TSTypeReference[typeName.name="Error"]',
        message: 'no `as Error & {...}`: use errorCode / describeError from proto/coded-error.ts, or throw a CodedError',
      }, {
        selector: 'TSAsExpression > TSAsExpression.expression:matches([typeAnnotation.type="TSUnknownKeyword"], [typeAnnotation.type="TSAnyKeyword"])',
        message: 'no `as unknown as T`: check the value (a type guard, a schema decoder such as PayloadValidators.decode) or type the function to take it',
      }],
    },
  },
);

/**
 * The configuration schema's validator. Compiling it is most of a config
 * command's start (ajv's import and code generation: ~200 ms); the compiled
 * CLI replaces this module with the same validator generated at build time
 * (build/precompiled-config-schema.ts).
 */
import { Ajv, type Options } from 'ajv';
import { CONFIG_SCHEMA } from './schema.js';

// verbose: errors carry the offending value (e.data), which the messages show.
export const SCHEMA_VALIDATOR_OPTIONS: Options = { allErrors: true, useDefaults: true, strict: false, verbose: true };

export const validateSchema = new Ajv(SCHEMA_VALIDATOR_OPTIONS).compile(CONFIG_SCHEMA);

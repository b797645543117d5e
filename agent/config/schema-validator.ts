/**
 * The configuration schema's validator. Compiling it is most of a config
 * command's start (ajv's import and code generation: ~200 ms); the compiled
 * CLI replaces this module with the same validator generated at build time
 * (build/precompiled-config-schema.ts).
 */
import { Ajv, type Options } from 'ajv';
import type { AssertNoDrift, Drift, FromSchema } from './schema-type.js';
import { CONFIG_SCHEMA } from './schema.js';
import type { SchemaValidConfig } from './types.js';

/**
 * The schema and the hand-written types are one source: this fails to compile,
 * naming each path, when a key is in one and not the other, optional in one
 * only, or of another type. It is what lets the validator below claim its type.
 */
export type ConfigTypesMatchSchema = AssertNoDrift<Drift<SchemaValidConfig, FromSchema<typeof CONFIG_SCHEMA>>>;

// verbose: errors carry the offending value (e.data), which the messages show.
export const SCHEMA_VALIDATOR_OPTIONS: Options = { allErrors: true, useDefaults: true, strict: false, verbose: true };

export const validateSchema = new Ajv(SCHEMA_VALIDATOR_OPTIONS).compile<SchemaValidConfig>(CONFIG_SCHEMA);

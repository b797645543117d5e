/**
 * JSON Schemas for every topic leaf, and ajv validators built from them. No
 * shared instance: each caller builds its own validator set once.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { CommandName } from '../commands.js';
import type { Leaf } from '../topics.js';
import { commandArgsSchemas, commandSchema, replySchema } from './command.js';
import type { Schema } from './common.js';
import { eventSchema } from './event.js';
import { routesSchema } from './routes.js';
import { stateSchema, statusSchema } from './state.js';
import { telemetrySchema } from './telemetry.js';

export { commandArgsSchemas } from './command.js';
export type { Schema } from './common.js';

export const PAYLOAD_SCHEMAS: Record<Leaf, Schema> = {
  status: statusSchema,
  state: stateSchema,
  telemetry: telemetrySchema,
  event: eventSchema,
  routes: routesSchema,
  cmd: commandSchema,
  reply: replySchema,
};

export interface PayloadValidators {
  /** Null when valid; otherwise ajv's errors as `path: message` lines. */
  payload(leaf: Leaf, value: unknown): string[] | null;
  args(cmd: CommandName, value: unknown): string[] | null;
}

export function createPayloadValidators(): PayloadValidators {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  for (const [leaf, schema] of Object.entries(PAYLOAD_SCHEMAS)) compiled.set(`leaf:${leaf}`, ajv.compile(schema));
  for (const [cmd, schema] of Object.entries(commandArgsSchemas)) compiled.set(`args:${cmd}`, ajv.compile(schema));
  const run = (key: string, value: unknown): string[] | null => {
    const fn = compiled.get(key);
    if (!fn) return [`no schema for ${key}`];
    return fn(value) ? null : (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  };
  return { payload: (leaf, value) => run(`leaf:${leaf}`, value), args: (cmd, value) => run(`args:${cmd}`, value) };
}

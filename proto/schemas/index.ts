/**
 * JSON Schemas for every topic leaf, and ajv validators built from them. No
 * shared instance: each caller builds its own validator set once.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { CommandName } from '../commands.js';
import type { TopicPayloads } from '../payloads.js';
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

/** A payload that passed its leaf's schema, tagged by leaf: a switch on `leaf` narrows `body`. */
export type DecodedPayload = { [L in Leaf]: { leaf: L; body: TopicPayloads[L] } }[Leaf];

export type DecodeResult = { ok: true; payload: DecodedPayload } | { ok: false; errors: string[] };

export interface PayloadValidators {
  /** Null when valid; otherwise ajv's errors as `path: message` lines. */
  payload(leaf: Leaf, value: unknown): string[] | null;
  /** The payload typed by its leaf when its schema passes, else the errors as `payload` gives them. */
  decode(leaf: Leaf, value: unknown): DecodeResult;
  args(cmd: CommandName, value: unknown): string[] | null;
}

/** One type guard per leaf, each the leaf's JSON Schema compiled (what ajv's `compile<T>` declares). */
type LeafGuards = { [L in Leaf]: ValidateFunction<TopicPayloads[L]> };

export function createPayloadValidators(): PayloadValidators {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const guards: LeafGuards = {
    status: ajv.compile<TopicPayloads['status']>(PAYLOAD_SCHEMAS.status),
    state: ajv.compile<TopicPayloads['state']>(PAYLOAD_SCHEMAS.state),
    telemetry: ajv.compile<TopicPayloads['telemetry']>(PAYLOAD_SCHEMAS.telemetry),
    event: ajv.compile<TopicPayloads['event']>(PAYLOAD_SCHEMAS.event),
    routes: ajv.compile<TopicPayloads['routes']>(PAYLOAD_SCHEMAS.routes),
    cmd: ajv.compile<TopicPayloads['cmd']>(PAYLOAD_SCHEMAS.cmd),
    reply: ajv.compile<TopicPayloads['reply']>(PAYLOAD_SCHEMAS.reply),
  };
  const args = new Map<string, ValidateFunction>();
  for (const [cmd, schema] of Object.entries(commandArgsSchemas)) args.set(cmd, ajv.compile(schema));
  const errorsOf = (fn: ValidateFunction): string[] => (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  const decode = (leaf: Leaf, value: unknown): DecodeResult => {
    const payload = narrow(guards, leaf, value);
    return payload ? { ok: true, payload } : { ok: false, errors: errorsOf(guards[leaf]) };
  };
  return {
    payload: (leaf, value) => {
      const r = decode(leaf, value);
      return r.ok ? null : r.errors;
    },
    decode,
    args: (cmd, value) => {
      const fn = args.get(cmd);
      if (!fn) return [`no schema for args:${cmd}`];
      return fn(value) ? null : errorsOf(fn);
    },
  };
}

/** Spelled out per leaf so the compiler pairs each leaf with its own payload type (no cast). */
function narrow(guards: LeafGuards, leaf: Leaf, value: unknown): DecodedPayload | undefined {
  switch (leaf) {
    case 'status':
      return guards.status(value) ? { leaf, body: value } : undefined;
    case 'state':
      return guards.state(value) ? { leaf, body: value } : undefined;
    case 'telemetry':
      return guards.telemetry(value) ? { leaf, body: value } : undefined;
    case 'event':
      return guards.event(value) ? { leaf, body: value } : undefined;
    case 'routes':
      return guards.routes(value) ? { leaf, body: value } : undefined;
    case 'cmd':
      return guards.cmd(value) ? { leaf, body: value } : undefined;
    case 'reply':
      return guards.reply(value) ? { leaf, body: value } : undefined;
  }
}

/** Building blocks of the payload JSON Schemas (draft-07, as ajv 8 defaults to). */
export type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const int = (extra: Schema = {}): Schema => ({ type: 'integer', ...extra });
export const num = (extra: Schema = {}): Schema => ({ type: 'number', ...extra });
export const bool: Schema = { type: 'boolean' };
export const oneOfStrings = (...values: string[]): Schema => ({ type: 'string', enum: values });
export const arrayOf = (items: Schema, extra: Schema = {}): Schema => ({ type: 'array', items, ...extra });
export const epochMs = int({ minimum: 0 });

/** A closed object: every property known, `required` listed. */
export function object(properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

export const ENVELOPE_PROPERTIES: Record<string, Schema> = {
  v: { const: 1 },
  id: str({ minLength: 1, maxLength: 64 }),
  ts: epochMs,
  historical: { const: true },
};
export const ENVELOPE_REQUIRED = ['v', 'id', 'ts'];

/** A payload schema: the envelope plus its own closed set of properties. */
export function payload(title: string, properties: Record<string, Schema>, required: string[] = []): Schema {
  return object({ ...ENVELOPE_PROPERTIES, ...properties }, [...ENVELOPE_REQUIRED, ...required], { title });
}

export const peerSource = object({ peer: str(), source: str() });

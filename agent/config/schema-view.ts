import { CONFIG_SCHEMA, type Reload } from './schema.js';

/**
 * The configuration schema read as data, by what walks it: the reload plan
 * (which keys a reload applies) and `config check --explain`. Pure.
 */
export interface SchemaView {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaView>>;
  readonly required?: readonly string[];
  readonly items?: SchemaView;
  readonly additionalProperties?: boolean | SchemaView;
  readonly oneOf?: readonly SchemaView[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
  readonly uniqueItems?: boolean;
  readonly pattern?: string;
  readonly 'x-reload'?: Reload;
}

export const CONFIG_SCHEMA_VIEW: SchemaView = CONFIG_SCHEMA;

/** The schema of a mapping's values when its keys are free (candidates[].classOperations). */
export const mapValues = (node: SchemaView): SchemaView | undefined =>
  typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;

/** A key's reload setting: its own, else its parent's (a top-level key without one: restart). */
export const reloadOf = (node: SchemaView, inherited: Reload = 'restart'): Reload => node['x-reload'] ?? inherited;

/** Structural equality of two configuration values (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isMapping(a) || !isMapping(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => sameValue(a[k], b[k]));
}

export const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

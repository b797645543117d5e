import type { Reload } from './schema.js';
import { CONFIG_SCHEMA_VIEW, mapValues, reloadOf, type SchemaView } from './schema-view.js';

/** One key of the configuration, as `config check --explain` names it. */
export interface SchemaKey {
  /** `candidates[].slaOperations`: `[]` after a list whose items hold the next key. */
  path: string;
  /** The names alone, lists aside: `['candidates', 'slaOperations']`. */
  names: string[];
  node: SchemaView;
  /** Its parent object lists it in `required`. */
  required: boolean;
  reload: Reload;
}

/** Every key of the schema, parents before children, in the schema's order. Pure. */
export function schemaKeys(root: SchemaView = CONFIG_SCHEMA_VIEW): SchemaKey[] {
  const out: SchemaKey[] = [];
  const visit = (node: SchemaView, path: string, names: string[], reload: Reload) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const key: SchemaKey = {
        path: path ? `${path}.${name}` : name,
        names: [...names, name],
        node: child,
        required: node.required?.includes(name) ?? false,
        reload: reloadOf(child, reload),
      };
      out.push(key);
      visit(child, key.path, key.names, key.reload);
    }
    // The forms of a secret ({ env }, { file }); a list's items; a mapping's values: their keys come under this one.
    for (const form of node.oneOf ?? []) visit(form, path, names, reload);
    if (node.items) visit(node.items, `${path}[]`, names, reload);
    const values = mapValues(node);
    if (values) visit(values, `${path}.*`, [...names, '*'], reload);
  };
  visit(root, '', [], 'restart');
  return out;
}

/**
 * The key a dotted path names, lists written either way: `candidates[].slaOperations`,
 * `candidates[0].slaOperations` and `candidates.slaOperations` are one key.
 */
export function findKey(path: string, keys: SchemaKey[] = schemaKeys()): SchemaKey | undefined {
  const names = namesOf(path);
  return keys.find((k) => k.names.length === names.length && k.names.every((n, i) => n === names[i]));
}

/** A path's key names: list indexes and `[]` dropped. */
export const namesOf = (path: string): string[] =>
  path
    .replace(/\[\d*\]/g, '')
    .split('.')
    .filter((n) => n !== '');

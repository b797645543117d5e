import { patternName } from './pattern-names.js';
import { findKey, namesOf, schemaKeys, type SchemaKey } from './schema-keys.js';
import { mapValues, type SchemaView } from './schema-view.js';

export type Explained = { ok: true; text: string } | { ok: false; message: string };

/**
 * What `config check --explain KEY` prints: the key's description, type,
 * allowed values or range, default, and whether a reload applies it; or, for
 * a key the schema does not have, an error naming it with the nearest keys.
 * Pure.
 */
export function explainKey(path: string, keys: SchemaKey[] = schemaKeys()): Explained {
  const key = findKey(path, keys);
  if (!key) {
    const near = nearestKeys(path, keys);
    const hint = near.length > 0 ? `; nearest: ${near.join(', ')}` : '; spokepilot config check --explain lists the top-level keys';
    return { ok: false, message: `unknown configuration key "${path}"${hint}` };
  }
  const n = key.node;
  const lines = [key.path, `  ${n.description ?? ''}`, `  type:     ${typeOf(n)}`];
  lines.push(`  default:  ${n.default !== undefined ? showDefault(n.default) : key.required ? 'none (required)' : 'none (optional)'}`);
  lines.push(`  reload:   ${reloadText(key, keys)}`);
  const children = keys.filter((k) => k.names.length === key.names.length + 1 && key.names.every((x, i) => k.names[i] === x));
  if (children.length > 0) lines.push(`  keys:     ${children.map((k) => k.path).join(', ')}`);
  return { ok: true, text: lines.join('\n') };
}

/** The top-level keys with the first sentence of each description. */
export function topLevelKeys(keys: SchemaKey[] = schemaKeys()): string {
  const top = keys.filter((k) => k.names.length === 1);
  const width = Math.max(...top.map((k) => k.path.length));
  return top.map((k) => `  ${k.path.padEnd(width)}  ${firstSentence(k.node.description ?? '')}`).join('\n');
}

/** Up to three keys nearest `path` by edit distance, on the whole path or on its last name alone. */
export function nearestKeys(path: string, keys: SchemaKey[] = schemaKeys()): string[] {
  const names = namesOf(path.toLowerCase());
  const whole = names.join('.');
  const last = names.at(-1) ?? '';
  const scored = keys.map((k) => {
    const kWhole = k.names.join('.').toLowerCase();
    const kLast = (k.names.at(-1) ?? '').toLowerCase();
    // A right last name under the wrong parent (preemptDelaySec alone) is near too, one step further.
    return { path: k.path, score: Math.min(editDistance(whole, kWhole), editDistance(last, kLast) + 1) };
  });
  const limit = Math.max(2, Math.floor(last.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => s.path);
}

/** Levenshtein distance: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function typeOf(n: SchemaView): string {
  if (n.enum) return `one of: ${n.enum.map(String).join(', ')}`;
  if (n.oneOf)
    return n.oneOf.map((form) => (form.properties ? `{ ${Object.keys(form.properties).join(', ')} }` : typeOf(form))).join(' | ');
  const types = n.type === undefined ? [] : typeof n.type === 'string' ? [n.type] : [...n.type];
  const parts = types.map((t) => {
    switch (t) {
      case 'integer':
      case 'number':
        return `${t === 'integer' ? 'integer' : 'number'}${range(n.minimum, n.maximum)}`;
      case 'string':
        return `${n.pattern !== undefined ? patternName(n.pattern) : 'text'}${lengths(n.minLength, n.maxLength, 'character')}`;
      case 'boolean':
        return 'true or false';
      case 'array':
        return `list${lengths(n.minItems, n.maxItems, 'item')}${n.uniqueItems ? ', no repeats,' : ''} of ${n.items ? typeOf(n.items) : 'anything'}`;
      case 'object': {
        const values = mapValues(n);
        if (values) return `mapping of names to ${typeOf(values)}${lengths(undefined, n.maxProperties, 'name')}`;
        return n.properties && Object.keys(n.properties).length > 0 ? 'mapping (its keys below)' : 'mapping';
      }
      default:
        return t;
    }
  });
  return parts.join(' or ');
}

const range = (min: number | undefined, max: number | undefined): string => lengths(min, max, '');

/** ` (1 to 8 items)`, ` (at least 1 item)`; with no unit, a range of values: ` (0 to 86400)`. */
const lengths = (min: number | undefined, max: number | undefined, unit: string): string => {
  const of = (n: number) => (unit === '' ? '' : ` ${unit}${n === 1 ? '' : 's'}`);
  if (min !== undefined && max !== undefined) return ` (${min} to ${max}${of(max)})`;
  if (min !== undefined) return ` (at least ${min}${of(min)})`;
  return max !== undefined ? ` (at most ${max}${of(max)})` : '';
};

function showDefault(v: unknown): string {
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) return '{} (each key at its own default)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function reloadText(key: SchemaKey, keys: SchemaKey[]): string {
  const top = key.names[0];
  if (key.reload === 'restart') return 'needs a restart (a reload keeps the value in force and logs the key under needRestart)';
  const via = top === 'policy' ? 'SIGHUP or set-policy' : 'SIGHUP';
  const topReload = keys.find((k) => k.names.length === 1 && k.names[0] === top)?.reload;
  return topReload === 'restart'
    ? `applied at once by a reload (${via}) when nothing else of ${top} that needs a restart changed`
    : `applied at once by a reload (${via})`;
}

const firstSentence = (text: string): string => {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
};

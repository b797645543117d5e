import { canonicalInterface, looksLikeInterface } from '../../agent/parsers/interface-name.js';

export type FactValue = string | number | boolean;

/**
 * A flat set of `path -> value` facts in our vocabulary, e.g.
 * `sa[3].remoteAddress -> "20.20.20.20"`. Both the upstream expected result and
 * our records are mapped to facts, then compared.
 */
export class Facts {
  readonly map = new Map<string, FactValue>();

  /** Records a fact; absent values (undefined, null, '') are not facts. */
  set(key: string, value: unknown): this {
    if (value === undefined || value === null || value === '') return this;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
      this.map.set(key, value);
    } else {
      this.map.set(key, JSON.stringify(value));
    }
    return this;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Compares meaning, not spelling: numeric strings as numbers, interface
 * names canonicalised (`Gi0/0` = `GigabitEthernet0/0`), text case-insensitively.
 */
export function normalizeFact(value: FactValue): FactValue {
  if (typeof value !== 'string') return value;
  const s = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (looksLikeInterface(s)) return canonicalInterface(s).toLowerCase();
  return s.toLowerCase();
}

export interface Mismatch {
  key: string;
  expected: FactValue;
  actual: FactValue | undefined;
}

/** Every upstream fact must be among ours with an equal value; extra facts of ours are fine. */
export function compareFacts(upstream: Facts, ours: Facts): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [key, expected] of upstream.map) {
    const actual = ours.map.get(key);
    if (actual === undefined || normalizeFact(actual) !== normalizeFact(expected)) {
      out.push({ key, expected, actual });
    }
  }
  return out;
}

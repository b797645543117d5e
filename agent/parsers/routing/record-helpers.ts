/**
 * Removes keys whose value is undefined, so records built from one literal (in a
 * readable field order) carry only what IOS printed (common.ts: absent, never invented).
 */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

/** `table[key]` for keys read from device output: own entries only, never `constructor` or `__proto__`. */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

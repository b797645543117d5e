/**
 * JSON with object keys sorted at every depth and no whitespace: RFC 8785 (JCS)
 * for the values this protocol carries. Used for the command signing form and
 * to compare payload bodies for change detection. Pure.
 */
export function canonicalJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, replacer)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const entries = Object.keys(obj)
    .sort()
    .map((k) => [k, replacer ? replacer(k, obj[k]) : obj[k]] as const)
    .filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, replacer)}`).join(',')}}`;
}

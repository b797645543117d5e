/** Median, 95th percentile (nearest rank) and maximum of a sample; undefined for an empty one. */
export function distribution(values: readonly number[]): { median: number; p95: number; max: number } | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, p95: s[Math.ceil(0.95 * s.length) - 1]!, max: s[s.length - 1]! };
}

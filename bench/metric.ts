/** One benchmark figure, printed as one JSON line. */
export interface Metric {
  metric: string;
  value: number;
  unit: string;
}

export type BenchGroup = () => AsyncIterable<Metric> | Iterable<Metric>;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * A data budget as operators write it: `2GB`, `500 MB`, `1.5GiB`, or a plain
 * number of bytes. Carriers bill in decimal units (1 GB = 1,000,000,000 bytes,
 * as their plans print it); `KiB`/`MiB`/`GiB` are there for a plan written in
 * binary ones. Units are case-insensitive; `B` alone is bytes.
 */
export const BYTE_SIZE_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*([kKmMgGtT][iI]?)?[bB]?\\s*$';

const MULTIPLIER: Record<string, number> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  t: 1e12,
  ki: 2 ** 10,
  mi: 2 ** 20,
  gi: 2 ** 30,
  ti: 2 ** 40,
};

/** Bytes, or undefined when the text is not a size. Never throws. */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?)?b?\s*$/i.exec(value);
  if (!m) return undefined;
  const bytes = Math.round(Number(m[1]) * MULTIPLIER[(m[2] ?? '').toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** `2000000000` -> `2 GB`: budgets in messages, as the operator wrote them (decimal). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['TB', 1e12],
    ['GB', 1e9],
    ['MB', 1e6],
    ['kB', 1e3],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  }
  return `${bytes} B`;
}

import { describe, expect, it } from 'vitest';
import { firstPageSize, firstRows } from '../../../agent/fleet/http-api.js';

describe("the overview's first page", () => {
  it('is the first rows by key in code-unit order, whatever order the fleet is held in', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `site${String((i * 7919) % 300).padStart(3, '0')}/r${i % 3}`);
    const rows = keys.map((key) => ({ key }));
    expect(firstRows(rows, 10).map((r) => r.key)).toEqual([...keys].sort().slice(0, 10));
    expect(firstRows([...rows].reverse(), 10)).toEqual(firstRows(rows, 10));
    expect(firstRows([{ key: 'b' }, { key: 'B' }, { key: 'a' }], 2).map((r) => r.key)).toEqual(['B', 'a']); // not locale order
    expect(firstRows(rows.slice(0, 3), 10)).toHaveLength(3);
  });

  it('takes a whole number of rows from 1 to 500, and says what was wrong otherwise', () => {
    expect(firstPageSize(null)).toBeUndefined();
    expect(firstPageSize('100')).toBe(100);
    expect(firstPageSize('500')).toBe(500);
    for (const bad of ['0', '501', '1.5', '-1', '', 'ten', '1e2'])
      expect(firstPageSize(bad)).toBe(`first must be a whole number of rows from 1 to 500, not "${bad}"`);
  });
});

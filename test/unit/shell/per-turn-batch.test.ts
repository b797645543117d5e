import { describe, expect, it } from 'vitest';
import { perTurnBatch } from '../../../agent/shell/report/per-turn-batch.js';

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('perTurnBatch', () => {
  it('writes what one turn of the loop hands in as one batch, in order, and settles every caller', async () => {
    const writes: number[][] = [];
    const add = perTurnBatch<number>(async (items) => {
      writes.push(items);
    });
    const settled = Promise.all([add([1, 2]), add([3]), add([4])]);
    expect(writes).toEqual([]); // nothing written in the caller's turn
    await settled;
    expect(writes).toEqual([[1, 2, 3, 4]]);
    await add([5]);
    expect(writes).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('rejects every caller of a failed batch, and the next batch starts clean', async () => {
    let fail = true;
    const add = perTurnBatch<string>(async (items) => {
      if (fail) throw Object.assign(new Error(`disk full (${items.length})`), { code: 'STORE_FULL' });
    });
    const a = add(['x']);
    const b = add(['y']);
    await expect(a).rejects.toMatchObject({ code: 'STORE_FULL', message: 'disk full (2)' });
    await expect(b).rejects.toMatchObject({ code: 'STORE_FULL' });
    fail = false;
    await nextTurn();
    await expect(add(['z'])).resolves.toBeUndefined();
  });
});

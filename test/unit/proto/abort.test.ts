import { describe, expect, it } from 'vitest';
import { untilAborted, whenAborted } from '../../../proto/abort.js';

describe('abort helpers', () => {
  it('whenAborted resolves when the signal aborts, at once for one already aborted', async () => {
    const c = new AbortController();
    let done = false;
    const p = whenAborted(c.signal).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    c.abort();
    await p;
    expect(done).toBe(true);
    await whenAborted(AbortSignal.abort());
  });

  it('untilAborted ends with the promise, or with the signal, and passes the promise failure on', async () => {
    const never = new Promise<void>(() => {});
    const t0 = Date.now();
    await untilAborted(never, AbortSignal.timeout(50));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    await untilAborted(Promise.resolve(1), new AbortController().signal);
    await expect(untilAborted(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });
});

/**
 * Runs a long synchronous job given as steps (an iterator of small pieces of
 * work) in slices of at most `sliceMs`, yielding to the event loop between
 * slices (setImmediate: after pending I/O), so the dashboard keeps answering
 * requests and taking the broker's messages while it prunes a large history.
 */
import { performance } from 'node:perf_hooks';

export interface SlicedRun {
  /** Sum of what the steps yielded (rows removed). */
  total: number;
  /** Slices the job took: more than one means the event loop ran in between. */
  slices: number;
  /** True when `cancelled` stopped it before its last step. */
  cancelled: boolean;
}

export async function runSliced(steps: Iterator<number>, o: { sliceMs: number; cancelled?: () => boolean }): Promise<SlicedRun> {
  const run: SlicedRun = { total: 0, slices: 0, cancelled: false };
  for (;;) {
    // Checked before each slice: a server closing its database between two slices must not step again.
    if (o.cancelled?.()) return { ...run, cancelled: true };
    run.slices++;
    const until = performance.now() + o.sliceMs;
    do {
      const r = steps.next();
      if (r.done) return run;
      run.total += r.value;
    } while (performance.now() < until);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

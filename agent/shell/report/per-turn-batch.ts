/**
 * Gathers the items handed in during one turn of the event loop and writes
 * them together on the next (setImmediate), so a burst (an event, the state it
 * changed, its telemetry) costs one FULL-synchronous commit and one fsync on
 * the main thread instead of one each. Every caller's promise settles with
 * the write that carried its items; order is kept within and across batches.
 */
export function perTurnBatch<T>(write: (items: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  let pending: { items: T[]; settle: { resolve(): void; reject(e: unknown): void }[] } | undefined;
  return (items) =>
    new Promise<void>((resolve, reject) => {
      if (!pending) {
        const batch = { items: [] as T[], settle: [] as { resolve(): void; reject(e: unknown): void }[] };
        pending = batch;
        setImmediate(() => {
          pending = undefined;
          write(batch.items).then(
            () => {
              for (const s of batch.settle) s.resolve();
            },
            (err: unknown) => {
              for (const s of batch.settle) s.reject(err);
            },
          );
        });
      }
      pending.items.push(...items);
      pending.settle.push({ resolve, reject });
    });
}

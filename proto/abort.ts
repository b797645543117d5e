/**
 * Cancellation as AbortSignal (issue 14 item 8): a stop is given a signal,
 * aborted when its time is up, instead of a number of milliseconds. It lives
 * beside listeners.ts for the same reason: the shell, the adapters and the lab
 * all use it, and proto/ imports nothing.
 */

/** Resolves when `signal` aborts (at once if it has); never rejects. */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Waits for `p`, or until `signal` aborts, whichever is first; `p`'s failure still reaches the caller. */
export async function untilAborted(p: Promise<unknown>, signal: AbortSignal): Promise<void> {
  await Promise.race([p.then(() => undefined), whenAborted(signal)]);
}

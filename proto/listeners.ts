/**
 * The one typed event emitter (issue 14 item 8): a fan-out of one kind of
 * value to the listeners subscribed when it is emitted (one that subscribes
 * or unsubscribes meanwhile changes the next emit, not this one). `on` returns the
 * unsubscribe. It lives beside coded-error.ts for the same reason: the shell,
 * the adapters and the lab all use it, and proto/ imports nothing.
 *
 * A throwing listener either reaches the emitter (the default: the lab and the
 * broker adapters, where it is a bug to see) or, given `isolate`, is handed to
 * it and the others still run (where a listener's fault must never reach the
 * decision path).
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly isolate?: (err: unknown) => void) {}

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const l of [...this.listeners]) {
      if (!this.isolate) {
        l(value);
        continue;
      }
      try {
        l(value);
      } catch (err) {
        this.isolate(err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

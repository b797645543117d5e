/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential
 * Backoff and Jitter"): a delay drawn uniformly from [0, min(cap, base * 2^n)],
 * so a fleet that lost its routers at once does not come back in lockstep.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs: number,
    private readonly capMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; 0 when the last attempt succeeded. */
  nextDelayMs(): number {
    if (this.failures === 0) return 0;
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** (this.failures - 1));
    return Math.floor(this.random() * ceiling);
  }

  failed(): void {
    this.failures = Math.min(this.failures + 1, 30);
  }

  succeeded(): void {
    this.failures = 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}

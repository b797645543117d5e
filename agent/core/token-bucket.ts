/** A token bucket over an injected time: `rate` tokens per second, at most `burst` saved up. */
export class TokenBucket {
  private tokens: number;
  private atMs: number | undefined;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(nowMs: number): boolean {
    if (this.atMs !== undefined && nowMs > this.atMs)
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.atMs) * this.ratePerSec) / 1000);
    // A clock stepped back rebases the bucket: kept at the later time, it would not refill until the clock caught up.
    this.atMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

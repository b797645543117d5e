/**
 * Nonces of accepted commands, kept until their command expires (plus skew):
 * after that the expiry check refuses a replay anyway, so the cache is bounded
 * by the command rate times the maximum lifetime, and hard-capped by `max`.
 */
export interface RememberedNonce {
  nonce: string;
  expMs: number;
}

/** Where nonces come from after a restart: the store's table of accepted commands' nonces (SqliteCommandNonces). */
export type NonceSource = (nowMs: number) => Promise<readonly RememberedNonce[]> | readonly RememberedNonce[];

export class NonceCache {
  private readonly byNonce = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly skewMs: number,
  ) {}

  load(entries: readonly RememberedNonce[], nowMs: number): void {
    for (const e of entries) if (e.expMs + this.skewMs >= nowMs) this.byNonce.set(e.nonce, e.expMs);
    this.prune(nowMs);
  }

  has(nonce: string): boolean {
    return this.byNonce.has(nonce);
  }

  /** False when full of unexpired nonces: the caller refuses the command as `busy`. */
  remember(nonce: string, expMs: number, nowMs: number): boolean {
    if (this.byNonce.size >= this.max) this.prune(nowMs);
    if (this.byNonce.size >= this.max) return false;
    this.byNonce.set(nonce, expMs);
    return true;
  }

  get size(): number {
    return this.byNonce.size;
  }

  private prune(nowMs: number): void {
    for (const [nonce, exp] of this.byNonce) if (exp + this.skewMs < nowMs) this.byNonce.delete(nonce);
  }
}

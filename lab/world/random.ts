/**
 * Deterministic randomness: every random draw in the lab comes from a seeded
 * generator so that a scenario replays identically for the same seed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }

  /** mulberry32: small, fast, good enough for simulated jitter and loss. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability `percent` / 100. */
  chance(percent: number): boolean {
    return percent > 0 && this.next() * 100 < percent;
  }

  /** An independent stream derived from this seed and a label (one per subsystem keeps them decoupled). */
  fork(label: string): SeededRandom {
    let h = this.state;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619) >>> 0;
    return new SeededRandom(h);
  }

  /** A hex string of `digits` digits (SPIs, serials). */
  hex(digits: number): string {
    let s = '';
    while (s.length < digits) s += Math.floor(this.next() * 16).toString(16);
    return s.toUpperCase();
  }
}

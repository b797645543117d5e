/** Counters and the decision-latency reservoir, read by /metrics and the status payloads. */
export class RuntimeMetrics {
  decisions = 0;
  pathChanges = 0;
  actuationFailures = 0;
  parseWarnings = 0;
  /** Times the router was seen to differ from the intent (reconciliation). */
  driftsDetected = 0;
  repairsApplied = 0;
  repairsFailed = 0;
  private readonly latencies: number[] = [];
  private static readonly KEEP = 1000;

  recordLatency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > RuntimeMetrics.KEEP) this.latencies.shift();
  }

  /** Quantile (0..1) of the recent decision latencies, in ms; undefined before any. */
  latencyQuantile(q: number): number | undefined {
    if (this.latencies.length === 0) return undefined;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  get latencySamples(): readonly number[] {
    return this.latencies;
  }
}

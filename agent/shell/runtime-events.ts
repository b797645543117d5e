import type { IngestSummary } from '../adapters/sqlite/route-history.js';
import type { BadCause, Verdict } from '../core/policy/health.js';
import type { Decision, Effect } from '../core/policy/types.js';
import type { RouteViolation } from '../core/route-expectations.js';
import type { ActuationOutcome } from './actuator.js';
import type { Family } from './syslog-triggers.js';
import type { Degradation, DegradedComponent } from './degradations.js';

/** What the runtime tells the rest of the shell (reporting, status view, harness). */
export type RuntimeEvent =
  | { kind: 'decision'; decision: Decision }
  | { kind: 'health'; candidate: string; from: Verdict; to: Verdict; cause?: BadCause; atMs: number }
  | { kind: 'path-change'; from: { peer?: string; source?: string }; to: { peer?: string; source?: string } }
  | { kind: 'actuation'; effect: Effect; outcome: ActuationOutcome }
  | { kind: 'route-diff'; summary: IngestSummary }
  /** The first VIOLATIONS_LISTED violations of all tables; `total` counts them all. */
  | { kind: 'route-violations'; violations: RouteViolation[]; total: number }
  /** A component became degraded (`now`), changed why, or recovered (no `now`). */
  | { kind: 'degradation'; component: DegradedComponent; now?: Degradation; was?: Degradation }
  /** A family was read successfully (state and telemetry may have changed). */
  | { kind: 'read'; family: Family };

export type RuntimeListener = (e: RuntimeEvent) => void;

/** A per-runtime fan-out; a throwing listener is isolated from the others and from the runtime. */
export class RuntimeEvents {
  private readonly listeners = new Set<RuntimeListener>();

  on(listener: RuntimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: RuntimeEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's fault must never reach the decision path.
      }
    }
  }
}

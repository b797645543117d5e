import { Listeners } from '../../../proto/listeners.js';
import type { IngestSummary } from '../../ports/store.js';
import type { BadCause, Verdict } from '../../core/policy/health.js';
import type { Decision, Effect } from '../../core/policy/types.js';
import type { RouteViolation } from '../../core/route-expectations.js';
import type { ActuationOutcome } from '../act/actuator.js';
import type { Family } from '../observe/syslog-triggers.js';
import type { Degradation, DegradedComponent } from '../observe/degradations.js';
import type { DriftView } from '../../core/reconcile.js';
import type { PathRepairReason } from '../../core/path-repair.js';
import type { MeteredEvent } from '../../core/metered/usage.js';
import type { Shortcut, ShortcutChange } from '../../core/dual-cloud/shortcuts.js';

/** Reconciliation news (agent/core/reconcile.ts): mirrors the `drift` event of proto/payloads.ts. */
export type DriftEvent =
  /** The router differs from the intent (`drift`), the difference was raised (repairs gave up), or it went away (`drift`: what it was). */
  | { action: 'detected' | 'raised' | 'resolved'; mode: 'enforce' | 'dry-run'; drift: DriftView }
  /** A repair was applied, or the router refused it. */
  | {
      action: 'repair-applied' | 'repair-failed';
      mode: 'enforce' | 'dry-run';
      intended: DriftView['intended'];
      code?: string;
      message?: string;
    }
  /** Path repair: a reselect sent, or judged by the next read (agent/core/path-repair.ts). */
  | { action: PathRepairReason['code']; mode: 'enforce' | 'dry-run'; reason: PathRepairReason }
  /** The mode changed and the agent applied it: forbids released, the selected candidate steered to, or nothing to do. */
  | { action: 'mode-applied'; mode: 'enforce' | 'dry-run'; applied: 'release' | 'steer' | 'none'; intended: DriftView['intended'] };

/** What the runtime tells the rest of the shell (reporting, status view, harness). */
export type RuntimeEvent =
  | { kind: 'decision'; decision: Decision }
  | { kind: 'health'; candidate: string; from: Verdict; to: Verdict; cause?: BadCause; atMs: number }
  | { kind: 'path-change'; from: { peer?: string; source?: string }; to: { peer?: string; source?: string }; downForMs?: number }
  | { kind: 'actuation'; effect: Effect; outcome: ActuationOutcome }
  | { kind: 'route-diff'; summary: IngestSummary }
  /** The first VIOLATIONS_LISTED violations of all tables; `total` counts them all. */
  | { kind: 'route-violations'; violations: RouteViolation[]; total: number }
  /** A component became degraded (`now`), changed why, or recovered (no `now`). */
  | { kind: 'degradation'; component: DegradedComponent; now?: Degradation; was?: Degradation }
  | { kind: 'drift'; event: DriftEvent }
  /** A metered WAN reached a threshold, began a billing period, or its counters restarted. */
  | { kind: 'metered'; event: MeteredEvent }
  /** Dual-cloud: an NHRP shortcut appeared, went, or now ends at another spoke. */
  | { kind: 'shortcut'; change: ShortcutChange }
  /** Dual-cloud: the shortcuts that take a protected prefix to another spoke (empty: none any more). */
  | { kind: 'shortcut-violations'; violations: { shortcut: Shortcut; protectedPrefix: string }[] }
  /** A family was read successfully (state and telemetry may have changed). */
  | { kind: 'read'; family: Family };

export type RuntimeListener = (e: RuntimeEvent) => void;

/**
 * A per-runtime fan-out; a throwing listener is isolated from the others and
 * from the runtime: a listener's fault must never reach the decision path.
 * Listeners (reporting, status, harness) log their own failures.
 */
export class RuntimeEvents extends Listeners<RuntimeEvent> {
  constructor() {
    super(() => undefined);
  }
}

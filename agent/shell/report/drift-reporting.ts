import { describeDrift, driftCode, type Intent } from '../../core/reconcile.js';
import type { Logger } from '../../ports/logger.js';
import type { DecisionLoopOptions } from '../decide/decision-loop.js';
import type { Degradations } from '../observe/degradations.js';
import type { RuntimeEvents } from './runtime-events.js';
import type { RuntimeMetrics } from './runtime-metrics.js';

const intendedOf = (intent: Intent) =>
  intent.kind === 'steer' ? { candidate: intent.candidate, released: false } : { released: intent.kind === 'release' };

/**
 * What the decision loop's reconciliation tells the rest of the agent: drift
 * counted and raised as a degradation when it stays unrepaired, logged when its
 * status changes, and each step an event for the fleet.
 */
export function driftReporting(d: {
  mode: () => 'enforce' | 'dry-run';
  metrics: RuntimeMetrics;
  degradations: Degradations;
  events: RuntimeEvents;
  log: Logger;
}): Pick<DecisionLoopOptions, 'onDrift' | 'onRepair' | 'onModeApplied' | 'onPathRepair'> {
  return {
    onDrift: (now, was) => {
      const mode = d.mode();
      if (now && !was) d.metrics.driftsDetected++;
      if (now && now.status === 'unrepaired') {
        d.degradations.set({ component: 'drift', code: driftCode(now), message: describeDrift(now), sinceMs: now.sinceMs });
      } else d.degradations.clear('drift');
      if (now && (!was || now.status !== was.status) && now.status !== 'repairing') {
        d.log.warn('drift', { status: now.status, detail: describeDrift(now) });
      }
      if (now && !was) d.events.emit({ kind: 'drift', event: { action: 'detected', mode, drift: now } });
      else if (now && now.status === 'unrepaired' && was?.status !== 'unrepaired')
        d.events.emit({ kind: 'drift', event: { action: 'raised', mode, drift: now } });
      else if (!now && was) d.events.emit({ kind: 'drift', event: { action: 'resolved', mode, drift: was } });
      // Other changes (a repair counted, held, dry-run) reach the state with the flexvpn read that made them.
    },
    onRepair: (outcome, intent) => {
      if (!outcome.ok && outcome.code === 'ACTUATE_SUPERSEDED') return;
      const event = { mode: d.mode(), intended: intendedOf(intent) };
      if (outcome.ok) {
        d.metrics.repairsApplied++;
        d.events.emit({ kind: 'drift', event: { action: 'repair-applied', ...event } });
      } else {
        d.metrics.repairsFailed++;
        d.events.emit({
          kind: 'drift',
          event: { action: 'repair-failed', ...event, code: outcome.routerCode ?? outcome.code, message: outcome.message },
        });
      }
    },
    // A reselect that reached the router is news; one the router refused is a failed repair like any other.
    onPathRepair: (reason, sent) => {
      const mode = d.mode();
      if (sent && !sent.ok) {
        if (sent.code === 'ACTUATE_SUPERSEDED') return;
        d.metrics.repairsFailed++;
        d.events.emit({
          kind: 'drift',
          event: {
            action: 'repair-failed',
            mode,
            intended: { candidate: reason.candidate, released: false },
            code: sent.routerCode ?? sent.code,
            message: sent.message,
          },
        });
        return;
      }
      if (reason.code === 'path-reselected') d.metrics.repairsApplied++;
      if (reason.code === 'path-reselect-failed') d.metrics.repairsFailed++;
      d.log.info(reason.code, { ...reason });
      d.events.emit({ kind: 'drift', event: { action: reason.code, mode, reason } });
    },
    onModeApplied: (mode, applied, intent) => {
      d.events.emit({ kind: 'drift', event: { action: 'mode-applied', mode, applied, intended: intendedOf(intent) } });
    },
  };
}

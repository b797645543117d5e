import { Listeners } from '../../../proto/listeners.js';
/** A part of the agent that can run degraded while the rest goes on; `identity`: another agent claims this site/node. */
export type DegradedComponent = 'store' | 'router' | 'drift' | 'preflight' | 'identity';

export interface Degradation {
  component: DegradedComponent;
  /**
   * Stable code: STORE_IN_MEMORY, STORE_RECREATED, ROUTER_UNREACHABLE, ROUTER_HOSTKEY_MISMATCH, ...;
   * drift: DRIFT_UNREPAIRED (agent-owned tracks the agent could not put back), DRIFT_PATH (the router on another path, tracks right);
   * identity: DUPLICATE_NODE (agent/shell/report/duplicate-node-watch.ts).
   */
  code: string;
  message: string;
  sinceMs: number;
}

export type DegradationListener = (change: {
  component: DegradedComponent;
  now: Degradation | undefined;
  was: Degradation | undefined;
}) => void;

/**
 * What is wrong with the agent right now, one entry per component. /healthz,
 * /status and the MQTT state all read it, so a spoke never looks healthy to
 * one of them while it is degraded to another.
 */
export class Degradations {
  private readonly current = new Map<DegradedComponent, Degradation>();
  /** A listener's fault must not reach the caller that changed the degradation. */
  private readonly listeners = new Listeners<Parameters<DegradationListener>[0]>(() => undefined);

  /** Marks a component degraded; the same code again changes nothing (not even `sinceMs`). */
  set(d: Degradation): void {
    const was = this.current.get(d.component);
    if (was?.code === d.code) return;
    this.current.set(d.component, d);
    this.tell({ component: d.component, now: d, was });
  }

  clear(component: DegradedComponent): void {
    const was = this.current.get(component);
    if (!was) return;
    this.current.delete(component);
    this.tell({ component, now: undefined, was });
  }

  get(component: DegradedComponent): Degradation | undefined {
    return this.current.get(component);
  }

  list(): Degradation[] {
    return [...this.current.values()];
  }

  get degraded(): boolean {
    return this.current.size > 0;
  }

  onChange(listener: DegradationListener): () => void {
    return this.listeners.on(listener);
  }

  private tell(change: Parameters<DegradationListener>[0]): void {
    this.listeners.emit(change);
  }
}

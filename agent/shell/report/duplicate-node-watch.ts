import type { StatusPayload } from '../../../proto/payloads.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Degradations } from '../observe/degradations.js';

/**
 * A twin's Will (connection lost) clears the report only if nothing more is
 * heard of it for this long: twins sharing a client id kick each other off and
 * come back after up to a minute of reconnect backoff.
 */
export const TWIN_GONE_AFTER_MS = 180_000;

export interface DuplicateNodeWatchOptions {
  /** This process's instance id (PublisherSession.instance). */
  instance: string;
  /** When this agent started: a retained birth stamped later cannot be a predecessor's. */
  startedAtMs: number;
  site: string;
  node: string;
  degradations: Degradations;
  clock: Clock;
  log: Logger;
  /** Publishes our birth again: the twin must see us live, and a Will it leaves overwrites our retained status. */
  rebirth: () => Promise<void>;
}

/**
 * Two agents configured with one site/node overwrite each other's retained
 * state and fight over commands, each unaware. Every agent stamps its status
 * (birth, Will, goodbye) with a per-process instance id and watches its own
 * status topic; another instance that is alive there is a duplicate, reported
 * as the `identity` degradation DUPLICATE_NODE (/healthz, /status, MQTT state,
 * an agent-health event) by both: each agent re-publishes its birth once per
 * twin it discovers, so the twin sees it live too.
 *
 * Alive means: a birth received live (retain clear), or a birth or Will
 * stamped after this agent started (twins sharing a client id kick each other
 * off, so they may only meet each other's retained birth or Will). A retained
 * birth or Will stamped before our start is a dead predecessor's.
 */
export class DuplicateNodeWatch {
  private readonly known = new Set<string>();
  private twin: { instance: string; version?: string | undefined } | undefined;
  private goneTimer: (() => void) | undefined;

  constructor(private readonly o: DuplicateNodeWatchOptions) {}

  /** A message on our own status topic. */
  see(status: Partial<StatusPayload>, retained: boolean, connected: boolean): void {
    const other = status.instance;
    if (typeof other !== 'string' || other === this.o.instance) return;
    // Stamped after we started: that process was alive (connecting, or born) while we were.
    const sinceOurStart = typeof status.ts === 'number' && status.ts > this.o.startedAtMs;
    if (status.state === 'online') {
      if (!retained || sinceOurStart) this.found(other, status.agentVersion, connected);
      return;
    }
    if (status.state !== 'offline') return;
    // The other's Will or goodbye replaced our retained birth: say we are here again.
    // A birth that fails (the connection dropped) is sent again by the next connect.
    if (!retained && connected) this.o.rebirth().catch(() => undefined);
    if (status.reason === 'shutdown') {
      if (this.twin?.instance === other) this.cleared('said goodbye');
      return;
    }
    // A Will carries the time of the CONNECT that set it: a twin's, when it is later than our start.
    // Twins sharing a client id kick each other off, so their Wills may be all either sees of the other.
    if (sinceOurStart) {
      this.found(other, status.agentVersion, connected);
      this.armGone();
    }
  }

  stop(): void {
    this.goneTimer?.();
    this.goneTimer = undefined;
  }

  private found(other: string, version: string | undefined, connected: boolean): void {
    this.goneTimer?.();
    this.goneTimer = undefined;
    this.twin = { instance: other, version };
    const { site, node } = this.o;
    this.o.degradations.set({
      component: 'identity',
      code: 'DUPLICATE_NODE',
      sinceMs: this.o.clock.now(),
      message:
        `another agent (instance ${other}${version ? `, spokepilot ${version}` : ''}) publishes as ${site}/${node}; this one is instance ${this.o.instance}. ` +
        "Both overwrite each other's state and may obey each other's commands: give each spoke its own site/node.",
    });
    if (this.known.has(other)) return;
    this.known.add(other);
    this.o.log.warn('duplicate-node', { site, node, instance: this.o.instance, other, ...(version ? { otherVersion: version } : {}) });
    if (connected) this.o.rebirth().catch(() => undefined); // a failed birth is sent again by the next connect
  }

  private armGone(): void {
    this.goneTimer?.();
    this.goneTimer = this.o.clock.setTimer(() => this.cleared(`gone for ${TWIN_GONE_AFTER_MS / 1000} s`), TWIN_GONE_AFTER_MS);
  }

  private cleared(why: string): void {
    this.goneTimer?.();
    this.goneTimer = undefined;
    this.o.log.info('duplicate-node-gone', { other: this.twin?.instance, why });
    this.twin = undefined;
    this.o.degradations.clear('identity');
  }
}

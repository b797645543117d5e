import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { PresencePort } from '../../ports/presence.js';
import type { Degradations } from '../observe/degradations.js';

/** Why the agent is or is not in control; `in-control` is the only present one. */
export type PresenceReason = 'in-control' | 'dry-run' | 'router-unreachable' | 'out-of-sync' | 'stopping';

export interface PresenceInputs {
  mode: () => 'enforce' | 'dry-run';
  /** When a read last found the agent's tracks and the router's path as intended. */
  inSyncAtMs: () => number | undefined;
  degradations: Degradations;
  /** How old that may be: a few FlexVPN polls. */
  staleAfterMs: number;
}

/** Pure: is the agent in control now, and if not, why. */
export function presenceReason(i: PresenceInputs, nowMs: number): PresenceReason {
  if (i.mode() !== 'enforce') return 'dry-run';
  if (i.degradations.get('router')) return 'router-unreachable';
  const at = i.inSyncAtMs();
  if (at === undefined || nowMs - at > i.staleAfterMs) return 'out-of-sync';
  return 'in-control';
}

const CHECK_EVERY_MS = 1000;

/**
 * Keeps the presence port open exactly while the agent is in control,
 * checked every second and on every degradation change. A change is logged
 * with its reason, so "why did the router decide alone at 03:12" has an answer.
 */
export class PresenceGate {
  private cancel: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private last: PresenceReason | undefined;
  private stopped = false;

  constructor(
    private readonly port: PresencePort,
    private readonly inputs: PresenceInputs,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  get reason(): PresenceReason | undefined {
    return this.last;
  }

  start(): void {
    this.unsubscribe = this.inputs.degradations.onChange(() => this.check());
    const loop = () => {
      this.check();
      if (!this.stopped) this.cancel = this.clock.setTimer(loop, CHECK_EVERY_MS);
    };
    loop();
  }

  /** Not in control from now on: the port closes before anything else stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    this.unsubscribe?.();
    this.note('stopping');
    await this.port.close();
  }

  private check(): void {
    if (this.stopped) return;
    const reason = presenceReason(this.inputs, this.clock.now());
    this.note(reason);
    void this.port.set(reason === 'in-control');
  }

  private note(reason: PresenceReason): void {
    if (reason === this.last) return;
    if (this.last !== undefined || reason !== 'in-control') this.log.info('presence', { present: reason === 'in-control', reason });
    this.last = reason;
  }
}

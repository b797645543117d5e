import { describeError } from '../../../proto/coded-error.js';
import type { MeteredConfig } from '../../core/metered/config.js';
import { INITIAL_PROBING, nextProbing, scheduleLines, type ProbingChange, type ProbingState } from '../../core/metered/probing.js';
import type { PolicyConfig } from '../../core/policy/config.js';
import type { PolicyState } from '../../core/policy/types.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RouterCli } from '../../ports/router-cli.js';

export interface MeteredProbingOptions {
  /** Metered WANs with full-rate operations. */
  wans: readonly { interface: string; operations: readonly number[] }[];
  router: RouterCli;
  /** The policy's state and configuration now, and whether an actuation runs (no second config session meanwhile). */
  policy: () => { state: PolicyState; config: PolicyConfig; actuating: boolean };
  clock: Clock;
  log: Logger;
  /** Full rate is kept this long after the need ends. */
  holdMs: number;
  /** A change applied to the router, with the operations it started or stopped. */
  onChange?: (change: ProbingChange, operations: readonly number[]) => void;
}

/**
 * Starts and stops the full-rate IP SLA operations of metered WANs as the
 * policy's state says (agent/core/metered/probing.ts). In dry-run it reports
 * and changes nothing; a change the router refuses is tried again at the next
 * evaluation (the mode is recorded only once applied).
 */
export class MeteredProbing {
  private state: ProbingState = INITIAL_PROBING;
  private applying = false;
  private again = false;
  /** Changes applied to the router, for status and tests. */
  applied = 0;

  constructor(private readonly o: MeteredProbingOptions) {}

  /** Called after reads and decisions; cheap when nothing changes. */
  evaluate(): void {
    if (this.applying) {
      this.again = true;
      return;
    }
    const p = this.o.policy();
    const r = nextProbing(
      this.state,
      p.state,
      p.config,
      this.o.wans.map((w) => w.interface),
      this.o.clock.now(),
      this.o.holdMs,
    );
    if (r.changes.length === 0) {
      this.state = r.state;
      return;
    }
    if (p.config.mode === 'dry-run' || p.actuating) {
      // Said once per change; tried again when the actuation is over (dry-run: never applied).
      if (p.config.mode === 'dry-run') {
        this.state = r.state;
        for (const c of r.changes) this.o.log.info('metered-probing', { ...c, dryRun: true });
      }
      return;
    }
    const lines = r.changes.flatMap((c) => scheduleLines(this.o.wans.find((w) => w.interface === c.source)!.operations, c.mode));
    this.applying = true;
    this.o.router
      .configure(lines)
      .then(
        () => {
          this.state = r.state;
          this.applied += r.changes.length;
          for (const c of r.changes) {
            this.o.log.info('metered-probing', { ...c });
            this.o.onChange?.(c, this.o.wans.find((w) => w.interface === c.source)!.operations);
          }
        },
        (err: unknown) => {
          const { code, message } = describeError(err);
          this.o.log.warn('metered-probing-failed', { code, error: message });
        },
      )
      .finally(() => {
        this.applying = false;
        if (this.again) {
          this.again = false;
          this.evaluate();
        }
      });
  }

  modes(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.state.modes).map(([k, v]) => [k, v.mode]));
  }
}

/** The prober for a configuration's metered WANs with full-rate operations; undefined when there is none. */
export function meteredProbingFor(
  sources: readonly { interface: string; metered?: MeteredConfig }[],
  deps: Omit<MeteredProbingOptions, 'wans'>,
): MeteredProbing | undefined {
  const wans = sources.flatMap((s) =>
    s.metered && s.metered.fullRateOperations.length > 0 ? [{ interface: s.interface, operations: s.metered.fullRateOperations }] : [],
  );
  return wans.length > 0 ? new MeteredProbing({ wans, ...deps }) : undefined;
}

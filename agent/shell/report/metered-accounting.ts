import { describeError } from '../../../proto/coded-error.js';
import type { MeteredTelemetry } from '../../../proto/payloads.js';
import type { InterfaceDetail } from '../../../proto/records/health.js';
import type { MeteredConfig } from '../../core/metered/config.js';
import type { CounterReading } from '../../core/metered/counters.js';
import { account, budgetSpent, emptyUsage, usedPct, type MeteredEvent, type MeteredUsage } from '../../core/metered/usage.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { MeteredUsageStore } from '../../ports/store.js';

export interface MeteredAccountingOptions {
  /** The WANs marked metered, with their settings. */
  wans: readonly { interface: string; metered: MeteredConfig }[];
  /** `show interfaces <name>`, parsed. */
  readInterface: (name: string) => Promise<InterfaceDetail | undefined>;
  /** Where usage survives a restart; absent (no database): counted in memory only. */
  store?: MeteredUsageStore;
  clock: Clock;
  log: Logger;
  onEvent: (e: MeteredEvent) => void;
  /** A WAN's budget became spent, or a new period gave it back. */
  onSpent: (iface: string, spent: boolean) => void;
}

/** When the link's bandwidth is not printed: 10 Gbit/s, more than any WAN a spoke has. */
const FALLBACK_BYTES_PER_SEC = 10e9 / 8;

/**
 * Reads each metered WAN's counters with the interface poll and counts its
 * bytes (agent/core/metered/usage.ts), saving after every reading so a
 * restart resumes from the last one.
 */
export class MeteredAccounting {
  private readonly usage = new Map<string, MeteredUsage>();
  private readonly spent = new Map<string, boolean>();
  private wans: MeteredAccountingOptions['wans'];

  constructor(private readonly o: MeteredAccountingOptions) {
    this.wans = o.wans;
    const now = o.clock.now();
    for (const w of o.wans) {
      const saved = safely(
        () => o.store?.load(w.interface),
        (err) => o.log.warn('metered-load-failed', { interface: w.interface, error: err.message }),
      );
      this.usage.set(w.interface, saved ?? emptyUsage(w.interface, w.metered, now));
    }
  }

  /** The policy's view at start: which budgets are already spent (from the saved usage). */
  spentNow(): { interface: string; spent: boolean }[] {
    return this.wans.map((w) => ({ interface: w.interface, spent: budgetSpent(this.usage.get(w.interface)!, w.metered) }));
  }

  async read(): Promise<void> {
    for (const w of this.wans) {
      // A failed read counts nothing and is retried with the next interface poll: the baseline
      // stays the last reading, so the bytes meanwhile are counted then.
      const detail = await this.o.readInterface(w.interface).catch((err: unknown) => {
        const { code, message } = describeError(err);
        this.o.log.warn('metered-read-failed', { interface: w.interface, code, error: message });
        return undefined;
      });
      const c = detail?.counters;
      if (!detail || c?.bytesInput === undefined || c.bytesOutput === undefined) {
        this.o.log.debug('metered-counters-missing', { interface: w.interface });
        continue;
      }
      const reading: CounterReading = {
        atMs: this.o.clock.now(),
        bytesIn: c.bytesInput,
        bytesOut: c.bytesOutput,
        ...(detail.countersClearedSec !== undefined ? { clearedAgoSec: detail.countersClearedSec } : {}),
      };
      const maxBytesPerSec = detail.bandwidthKbps ? (detail.bandwidthKbps * 1000) / 8 : FALLBACK_BYTES_PER_SEC;
      const r = account(this.usage.get(w.interface)!, reading, w.metered, maxBytesPerSec);
      this.usage.set(w.interface, r.usage);
      safely(
        () => this.o.store?.save(r.usage),
        (err) => this.o.log.warn('metered-save-failed', { interface: w.interface, error: err.message }),
      );
      for (const e of r.events) this.o.onEvent(e);
      const spent = budgetSpent(r.usage, w.metered);
      if (this.spent.get(w.interface) !== spent) {
        this.spent.set(w.interface, spent);
        this.o.onSpent(w.interface, spent);
      }
    }
  }

  /**
   * New settings for the same metered WANs (SIGHUP): the usage counted so far stays; a budget
   * now spent, or no longer, is told at once (the policy's view follows).
   */
  reconfigure(sources: readonly { interface: string; metered?: MeteredConfig }[]): void {
    this.wans = this.wans.map((w) => ({
      interface: w.interface,
      metered: sources.find((s) => s.interface === w.interface)?.metered ?? w.metered,
    }));
    for (const w of this.wans) {
      const spent = budgetSpent(this.usage.get(w.interface)!, w.metered);
      if (this.spent.get(w.interface) === spent) continue;
      this.spent.set(w.interface, spent);
      this.o.onSpent(w.interface, spent);
    }
    this.o.log.info('metered-reconfigured', {
      wans: this.wans.map((w) => ({
        interface: w.interface,
        budget: w.metered.budget,
        billingDay: w.metered.billingDay,
        whenSpent: w.metered.whenSpent,
      })),
    });
  }

  telemetry(): MeteredTelemetry[] {
    return this.wans.map((w) => {
      const u = this.usage.get(w.interface)!;
      return {
        interface: w.interface,
        periodStartMs: u.periodStartMs,
        periodBytes: u.periodBytes,
        day: u.day,
        dayBytes: u.dayBytes,
        budgetBytes: w.metered.budget,
        usedPct: usedPct(u, w.metered),
        spent: budgetSpent(u, w.metered),
        whenSpent: w.metered.whenSpent,
      };
    });
  }
}

function safely<T>(fn: () => T, onError: (err: Error) => void): T | undefined {
  try {
    return fn();
  } catch (err) {
    onError(err as Error);
    return undefined;
  }
}

/** The accounting for a configuration's metered WANs; undefined when none is metered. */
export function meteredAccountingFor(
  sources: readonly { interface: string; metered?: MeteredConfig }[],
  deps: Omit<MeteredAccountingOptions, 'wans'>,
): MeteredAccounting | undefined {
  const wans = sources.flatMap((s) => (s.metered ? [{ interface: s.interface, metered: s.metered }] : []));
  return wans.length > 0 ? new MeteredAccounting({ wans, ...deps }) : undefined;
}

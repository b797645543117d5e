/**
 * The `routes` family's read: every route table the configuration names (and
 * the IKEv2 SAs' routes) into the store, a route-diff event per table that
 * changed, and a route-expectation event when the set of violations changes.
 */
import type { AgentConfig } from '../../config/types.js';
import { VIOLATIONS_LISTED, type RouteViolation } from '../../core/route-expectations.js';
import { describeError, errorCode } from '../../../proto/coded-error.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RouterCli } from '../../ports/router-cli.js';
import type { AgentStore } from '../../ports/store.js';
import type { RuntimeEvents } from '../report/runtime-events.js';

export interface RouteReadsOptions {
  config: AgentConfig;
  router: RouterCli;
  store: AgentStore;
  clock: Clock;
  log: Logger;
  events: RuntimeEvents;
}

export class RouteReads {
  /** Route tables the router's output limit refused at the last read, with why (shown in /status). */
  readonly refused = new Map<string, string>();
  private lastViolations = '';

  constructor(private readonly o: RouteReadsOptions) {}

  /** The tables read, in order: IPv4 (global, then each VRF), IPv6 when asked, then the IKEv2 SAs. */
  commands(): string[] {
    const r = this.o.config.routes;
    const commands = ['show ip route', ...r.vrfs.map((v) => `show ip route vrf ${v}`)];
    if (r.ipv6) commands.push('show ipv6 route', ...r.vrfs.map((v) => `show ipv6 route vrf ${v}`));
    commands.push('show crypto ikev2 sa detailed');
    return commands;
  }

  async read(): Promise<void> {
    const { store, clock, events } = this.o;
    const violations: RouteViolation[] = [];
    let total = 0;
    const digests: (number | string)[] = [];
    for (const command of this.commands()) {
      const text = await this.show(command);
      if (text === undefined) {
        digests.push(`unjudged:${command}`);
        continue;
      }
      // One table the store cannot take (too large, worker out of memory) must not cost the others.
      const out = await store.ingestRoutes(command, text, clock.now()).catch(() => undefined);
      if (!out) {
        digests.push(`unjudged:${command}`); // its violations are unknown: neither kept nor cleared
        continue;
      }
      for (const t of out.tables) {
        const s = t.summary;
        if (s.added + s.removed + s.changed > 0) {
          store.journal(clock.now(), 'route-diff', `${s.table.source ?? 'rib'}:${s.table.family}/${s.table.vrf}`, s);
          events.emit({ kind: 'route-diff', summary: s });
        }
        violations.push(...t.violations.listed.slice(0, VIOLATIONS_LISTED - violations.length));
        total += t.violations.total;
        digests.push(t.violations.digest);
      }
    }
    // Nothing judged (no store, or every table refused): no news, rather than a false all-clear.
    if (!digests.some((d) => typeof d === 'number')) return;
    // An expectation violation is an event when the set of violations changes, not on every read.
    const key = digests.join(',');
    if (key === this.lastViolations) return;
    this.lastViolations = key;
    store.journal(clock.now(), 'route-expectation', undefined, { violations, total });
    events.emit({ kind: 'route-violations', violations, total });
    if (total > 0) this.o.log.warn('route-expectations-violated', { count: total });
  }

  /**
   * One table's text; undefined when it is too large to read (refused while it streams, the
   * session dropped): the others are still read. An unreachable router fails the whole read.
   */
  private async show(command: string): Promise<string | undefined> {
    try {
      const text = await this.o.router.show(command);
      this.refused.delete(command);
      return text;
    } catch (err) {
      if (errorCode(err) !== 'ROUTER_OUTPUT_TOO_LARGE') throw err;
      const { code, message } = describeError(err);
      if (!this.refused.has(command)) this.o.log.warn('route-table-refused', { command, code, error: message });
      this.refused.set(command, `${code}: ${message}`);
      return undefined;
    }
  }
}

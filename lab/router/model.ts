/** Everything one lab router is made of, passed to the engine's steps. */
import type { SeededRandom } from '../world/random.js';
import type { World } from '../world/world.js';
import type { RouterConfig } from './config-model.js';
import type { EventBus, RouterEvent } from './events.js';
import type { ResolvedOptions } from './options.js';
import type { LabRuntime } from './runtime.js';
import type { LogBuffer } from '../syslog/log-buffer.js';

export interface RouterModel {
  opts: ResolvedOptions;
  config: RouterConfig;
  rt: LabRuntime;
  world: World;
  /** Independent random streams, so adding a probe does not shift SPIs or traffic. */
  rng: { sla: SeededRandom; ike: SeededRandom; traffic: SeededRandom };
  bus: EventBus;
  log: LogBuffer;
  /** While false (warm start), events change state but are not emitted. */
  emitting: boolean;
}

export function now(m: RouterModel): number {
  return m.opts.clock.now();
}

export function emit(m: RouterModel, event: RouterEvent): void {
  if (m.emitting) m.bus.emit(event);
}

/** The address an interface has now: fixed, from the world (WANs), or pushed to the tunnel. */
export function interfaceAddress(m: RouterModel, name: string): { address: string; prefixLength: number } | undefined {
  const wan = m.world.wan(name);
  if (wan) return { address: wan.address, prefixLength: wan.prefixLength };
  const cfg = m.config.interfaces.get(name);
  if (cfg?.address === undefined) return undefined;
  if (cfg.address !== 'negotiated') return cfg.address;
  const sa = m.rt.sas.find((s) => s.tunnelInterface === name);
  return sa ? { address: sa.pushedAddress, prefixLength: 32 } : undefined;
}

/** Interface of the installed default route (the tunnel source when no `source` lines exist). */
export function defaultRouteInterface(m: RouterModel): string | undefined {
  return m.rt.routes.find((r) => r.prefix === '0.0.0.0/0')?.interface;
}

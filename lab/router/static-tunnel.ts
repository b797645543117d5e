/**
 * Tunnels with a fixed peer (`tunnel destination A.B.C.D`, `tunnel source
 * IF`, `tunnel protection ipsec profile P`): the dual-cloud spoke's Tunnel1
 * and Tunnel2, one to each hub. IOS brings each up on its own, with no
 * client block and no peer selection: IKE_SA_INIT then IKE_AUTH to the
 * destination (retransmitted as IOS does, dynamics/ike-exchange.ts), one
 * IKEv2/IPsec SA per tunnel, renegotiated whenever the SA goes (DPD, clear,
 * the source going down). Each tunnel keeps its own cloud.
 */
import { isIpv4 } from './commands/common.js';
import type { InterfaceConfig } from './config-model.js';
import { advanceExchange, openNegotiation } from './flexvpn-client.js';
import { deleteSa, establishSa } from './ike-sa.js';
import { emit, now, type RouterModel } from './model.js';
import type { Negotiation } from './runtime.js';

export interface StaticTunnelRuntime {
  negotiation?: Negotiation;
}

/** A tunnel IOS would bring up by itself: fixed source and destination, IPsec protection, not shut. */
export function isStaticTunnel(cfg: InterfaceConfig): boolean {
  const t = cfg.tunnel;
  return (
    t !== undefined &&
    t.destination !== undefined &&
    t.destination !== 'dynamic' &&
    isIpv4(t.destination) &&
    t.source !== undefined &&
    t.source !== 'dynamic' &&
    t.protectionProfile !== undefined
  );
}

/** Steps every fixed-peer tunnel (`settle`: warm start, every IKE answer that will come is in). */
export function stepStaticTunnels(m: RouterModel, settle = false): void {
  for (const name of [...m.rt.staticTunnels.keys()]) {
    const cfg = m.config.interfaces.get(name);
    if (!cfg || !isStaticTunnel(cfg)) {
      for (const sa of m.rt.sas.filter((s) => s.tunnelInterface === name)) deleteSa(m, sa, 'tunnel reconfigured');
      m.rt.staticTunnels.delete(name);
    }
  }
  for (const cfg of m.config.interfaces.values()) {
    if (!isStaticTunnel(cfg)) continue;
    let rt = m.rt.staticTunnels.get(cfg.name);
    if (!rt) m.rt.staticTunnels.set(cfg.name, (rt = {}));
    stepTunnel(m, cfg, rt, settle);
  }
}

function stepTunnel(m: RouterModel, cfg: InterfaceConfig, rt: StaticTunnelRuntime, settle: boolean): void {
  const source = cfg.tunnel!.source!;
  const destination = cfg.tunnel!.destination!;
  const sa = m.rt.sas.find((s) => s.tunnelInterface === cfg.name);
  const sourceUp = m.rt.interfaces.get(source)?.linkUp === true;
  if (cfg.shutdown || !sourceUp) {
    if (sa) deleteSa(m, sa, cfg.shutdown ? 'tunnel shut down' : `tunnel source ${source} down`);
    delete rt.negotiation;
    return;
  }
  if (sa) return;
  rt.negotiation ??= openNegotiation(m, 1, destination, source);
  const n = rt.negotiation;
  const step = advanceExchange(m, n, settle);
  if (step.kind === 'failed') {
    emit(m, { kind: 'ike-negotiation-failed', at: now(m), client: cfg.name, peer: destination, reason: step.why });
    // IOS tries again: a fresh IKE_SA_INIT on the next step.
    delete rt.negotiation;
  } else if (step.kind === 'established') {
    establishSa(m, cfg.name, cfg.name, n, settle ? now(m) : step.at);
    delete rt.negotiation;
  }
}

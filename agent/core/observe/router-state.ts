import type { FlexVpnClient } from '../../../proto/records/crypto.js';
import type { IpInterfaceBrief } from '../../../proto/records/health.js';
import type { Observation } from '../policy/types.js';

/** The FlexVPN view last reported, so only changes become observations. */
export interface FlexvpnSeen {
  activePeer?: string;
  activeSource?: string;
  peersActiveElsewhere: readonly string[];
}

/**
 * From `show crypto ikev2 client flexvpn`: which peer and source our client
 * uses, and which peers other clients of its backup group hold (a peer is never
 * active in two clients of one group, DESIGN §4). `undefined` when unchanged.
 */
export function flexvpnObservation(
  seen: FlexvpnSeen | undefined,
  clients: readonly FlexVpnClient[],
  clientName: string,
): { observation?: Observation; seen: FlexvpnSeen } {
  const ours = clients.find((c) => c.profile === clientName);
  const active = ours && ours.currentState === 'active';
  const group = ours?.backupGroup;
  const elsewhere =
    group === undefined
      ? []
      : clients
          .filter((c) => c !== ours && c.backupGroup === group && c.currentState === 'active' && c.peer)
          .map((c) => c.peer!)
          .sort();
  const now: FlexvpnSeen = {
    ...(active && ours.peer ? { activePeer: ours.peer } : {}),
    ...(active && ours.sourceInterface ? { activeSource: ours.sourceInterface } : {}),
    peersActiveElsewhere: elsewhere,
  };
  const same =
    seen !== undefined &&
    seen.activePeer === now.activePeer &&
    seen.activeSource === now.activeSource &&
    seen.peersActiveElsewhere.join() === now.peersActiveElsewhere.join();
  return same ? { seen: now } : { observation: { kind: 'flexvpn', ...now }, seen: now };
}

/**
 * From `show ip interface brief`: line-protocol changes of the WAN interfaces
 * the policy cares about. An interface missing from the output tells nothing:
 * garbled, truncated or empty output looks just like that (the fault suite's
 * random output made every WAN "down" and the agent released on garbage),
 * and a WAN that is really gone fails its IP SLA probes anyway.
 */
export function interfaceObservations(
  seen: Readonly<Record<string, boolean>>,
  rows: readonly IpInterfaceBrief[],
  watched: readonly string[],
): { observations: Observation[]; seen: Record<string, boolean> } {
  const byName = new Map(rows.map((r) => [r.name, r] as const));
  const next: Record<string, boolean> = { ...seen };
  const observations: Observation[] = [];
  for (const name of watched) {
    const row = byName.get(name);
    if (row === undefined) continue;
    const up = row.status === 'up' && row.protocol === 'up';
    if (seen[name] !== up) observations.push({ kind: 'interface', name, up });
    next[name] = up;
  }
  return { observations, seen: next };
}

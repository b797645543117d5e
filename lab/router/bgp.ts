/**
 * Optional eBGP sessions to the hubs over the tunnel: a session comes up a
 * few seconds after the SA to its hub, goes down with the tunnel, or when the
 * hold timer (180 s) expires while the hub stays silent.
 */
import { emit, now, type RouterModel } from './model.js';

const OPEN_DELAY_MS = 3000;
const HOLD_TIME_MS = 180_000;
const KEEPALIVE_MS = 60_000;

export function stepBgp(m: RouterModel): void {
  if (!m.opts.bgp) return;
  const t = now(m);
  for (const hub of m.world.hubs()) {
    if (!hub.bgp) continue;
    let n = m.rt.bgp.get(hub.tunnelAddress);
    if (!n) {
      n = {
        address: hub.tunnelAddress,
        remoteAs: hub.bgp.remoteAs,
        state: 'Idle',
        upDownAt: m.rt.bootAt,
        msgRcvd: 0,
        msgSent: 0,
        prefixes: 0,
      };
      m.rt.bgp.set(hub.tunnelAddress, n);
    }
    const sa = m.rt.sas.find((s) => s.peerAddress === hub.address && m.rt.interfaces.get(s.tunnelInterface)?.protocolUp);
    const heard = sa !== undefined && m.world.reachable(sa.sourceInterface, hub.address);
    if (n.state === 'Established') {
      if (heard) n.establishAt = t; // reused as "last heard from" while established
      const holdExpired = t - (n.establishAt ?? t) >= HOLD_TIME_MS;
      if (!sa || holdExpired) {
        n.state = 'Idle';
        n.upDownAt = t;
        n.prefixes = 0;
        delete n.establishAt;
        emit(m, {
          kind: 'bgp',
          at: t,
          neighbor: n.address,
          state: 'down',
          reason: holdExpired ? 'BGP Notification sent' : 'Interface flap',
        });
      } else if ((t - n.upDownAt) % KEEPALIVE_MS < 1000) {
        n.msgSent++;
        if (heard) n.msgRcvd++;
      }
      continue;
    }
    if (!sa || !heard) {
      n.state = sa ? 'Active' : 'Idle';
      delete n.establishAt;
      continue;
    }
    n.establishAt ??= t + OPEN_DELAY_MS;
    if (t >= n.establishAt) {
      n.state = 'Established';
      n.upDownAt = t;
      n.prefixes = hub.bgp.prefixes;
      n.msgRcvd += 4;
      n.msgSent += 4;
      n.establishAt = t;
      emit(m, { kind: 'bgp', at: t, neighbor: n.address, state: 'up' });
    }
  }
}

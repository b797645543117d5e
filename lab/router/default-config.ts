/**
 * The default lab configuration: a production-style dual-WAN, dual-hub
 * FlexVPN spoke. IP SLA probes measure each (WAN, hub) path and each WAN's
 * internet reachability; tracks 1 and 2 gate the tunnel sources (fibre first,
 * LTE second); stub objects 101 and 102 gate the peers so that an agent can
 * allow or forbid a hub without rewriting the client block (DESIGN §4). With
 * the stubs left up, IOS alone leaves a dead hub only when DPD gives up.
 */
import type { WorldSpec } from '../world/world.js';
import { lengthToMask } from './dynamics/routes.js';

/** Internet anchors probed through each WAN (source tracks): one per WAN, as production configs do. */
const ANCHORS = ['8.8.8.8', '1.1.1.1', '9.9.9.9'];

export function defaultLabConfig(world: WorldSpec, hostname = 'spoke1', syslog?: { host: string; port: number }): string {
  const out: string[] = [`hostname ${hostname}`];
  const wanLines = world.wans.map((w) => {
    const addr = w.prefixLength === 32 ? ' ip address negotiated' : ` ip address ${w.address} ${lengthToMask(w.prefixLength)}`;
    return [`interface ${w.interface}`, ` description WAN ${w.kind}`, addr];
  });
  for (const lines of wanLines) out.push(...lines);
  out.push('interface Vlan1', ' description LAN', ' ip address 10.20.12.1 255.255.255.0');
  out.push('interface GigabitEthernet5', ' description IOx', ' ip address 192.168.5.1 255.255.255.252');
  out.push('interface Tunnel100', ' ip address negotiated', ' tunnel source dynamic', ' tunnel destination dynamic', ' tunnel protection ipsec profile default');

  world.wans.forEach((w, i) => {
    const id = i + 1;
    out.push(`ip sla ${id}`, ` icmp-echo ${ANCHORS[i % ANCHORS.length]} source-interface ${w.interface}`, ' threshold 500', ' timeout 1000', ' frequency 5');
    out.push(`ip sla schedule ${id} life forever start-time now`);
    out.push(`track ${id} ip sla ${id} reachability`, ' delay up 10 down 5');
  });
  world.wans.forEach((w, wi) => {
    world.hubs.forEach((h, hi) => {
      const id = 10 * (wi + 1) + hi + 1;
      out.push(`ip sla ${id}`, ` icmp-echo ${h.address} source-interface ${w.interface}`, ' threshold 250', ' timeout 1000', ' frequency 10');
      out.push(`ip sla schedule ${id} life forever start-time now`, `track ${id} ip sla ${id} reachability`);
    });
  });
  world.hubs.forEach((_h, hi) => out.push(`track ${101 + hi} stub-object`, ' default-state up'));

  out.push('crypto ikev2 dpd 10 2 periodic');
  out.push('crypto ikev2 client flexvpn SPOKE');
  world.hubs.forEach((h, hi) => out.push(`  peer ${hi + 1} ${h.address} track ${101 + hi}`));
  world.wans.forEach((w, wi) => out.push(`  source ${wi + 1} ${w.interface} track ${wi + 1}`));
  out.push('  client connect Tunnel100');
  if (syslog) out.push(`logging host ${syslog.host} transport udp port ${syslog.port}`);
  return out.join('\n');
}

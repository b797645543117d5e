/**
 * The default lab configuration: a production-style dual-WAN, dual-hub
 * FlexVPN spoke as it is configured when an agent runs on it. IP SLA probes
 * measure each (WAN, hub) path (operations and tracks 11, 12, 21, 22) and each
 * WAN's internet reachability (operation and track i for WAN i, with
 * `delay up 10 down 5`). The agent steers through stub objects only, never by
 * rewriting the client block (DESIGN §4):
 * - peers: `peer j <hub j> track 10j`, stub 101, 102 for hub 1, 2;
 * - sources: `source i <WAN i> track 20i`, where list track 201, 202 is
 *   `list boolean and` of SLA track i and stub 111, 112 for WAN 1, 2.
 * Every stub is `default-state up`, so each list follows its SLA track in
 * the same second and the router behaves exactly as native IOS with
 * `source i <WAN i> track i`: fibre first, LTE when track 1 goes down, and a
 * dead hub left only when DPD gives up. Setting stub 11i down forbids WAN i
 * as a source; stub 10j down forbids hub j.
 */
import type { WorldSpec } from '../world/world.js';
import { lengthToMask } from './dynamics/routes.js';

/** Internet anchors probed through each WAN (source tracks): one per WAN, as production configs do. */
const ANCHORS = ['8.8.8.8', '1.1.1.1', '9.9.9.9'];

/** First ids of the agent's objects: peer stubs 101.., source stubs 111.., source lists 201.. (clear of the SLA ids 1-9 and 11-99). */
export const PEER_STUB = 101;
export const SOURCE_STUB = 111;
export const SOURCE_LIST = 201;

export function defaultLabConfig(world: WorldSpec, hostname = 'spoke1', syslog?: { host: string; port: number }): string {
  const out: string[] = [`hostname ${hostname}`];
  const wanLines = world.wans.map((w) => {
    const addr = w.prefixLength === 32 ? ' ip address negotiated' : ` ip address ${w.address} ${lengthToMask(w.prefixLength)}`;
    return [`interface ${w.interface}`, ` description WAN ${w.kind}`, addr];
  });
  for (const lines of wanLines) out.push(...lines);
  out.push('interface Vlan1', ' description LAN', ' ip address 10.20.12.1 255.255.255.0');
  out.push('interface GigabitEthernet5', ' description IOx', ' ip address 192.168.5.1 255.255.255.252');
  out.push(
    'interface Tunnel100',
    ' ip address negotiated',
    ' tunnel source dynamic',
    ' tunnel destination dynamic',
    ' tunnel protection ipsec profile default',
  );

  world.wans.forEach((w, i) => {
    const id = i + 1;
    out.push(
      `ip sla ${id}`,
      ` icmp-echo ${ANCHORS[i % ANCHORS.length]} source-interface ${w.interface}`,
      ' threshold 500',
      ' timeout 1000',
      ' frequency 5',
    );
    out.push(`ip sla schedule ${id} life forever start-time now`);
    out.push(`track ${id} ip sla ${id} reachability`, ' delay up 10 down 5');
  });
  world.wans.forEach((w, wi) => {
    world.hubs.forEach((h, hi) => {
      const id = 10 * (wi + 1) + hi + 1;
      out.push(
        `ip sla ${id}`,
        ` icmp-echo ${h.address} source-interface ${w.interface}`,
        ' threshold 250',
        ' timeout 1000',
        ' frequency 3',
      );
      out.push(`ip sla schedule ${id} life forever start-time now`, `track ${id} ip sla ${id} reachability`);
    });
  });
  world.hubs.forEach((_h, hi) => out.push(`track ${PEER_STUB + hi} stub-object`, ' default-state up'));
  world.wans.forEach((_w, wi) => {
    out.push(`track ${SOURCE_STUB + wi} stub-object`, ' default-state up');
    out.push(`track ${SOURCE_LIST + wi} list boolean and`, `  object ${wi + 1}`, `  object ${SOURCE_STUB + wi}`);
  });

  // Common production DPD: a liveness check after 10 s without traffic from the peer, retransmitted
  // every 2 s (IOS IKEv2 retransmits 5 times, see options.dpdRetries) before the peer is declared dead.
  out.push('crypto ikev2 dpd 10 2 on-demand');
  out.push('crypto ikev2 client flexvpn SPOKE');
  world.hubs.forEach((h, hi) => out.push(`  peer ${hi + 1} ${h.address} track ${PEER_STUB + hi}`));
  world.wans.forEach((w, wi) => out.push(`  source ${wi + 1} ${w.interface} track ${SOURCE_LIST + wi}`));
  out.push('  client connect Tunnel100');
  if (syslog) out.push(`logging host ${syslog.host} transport udp port ${syslog.port}`);
  return out.join('\n');
}

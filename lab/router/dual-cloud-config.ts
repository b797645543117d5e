/**
 * The dual-cloud spoke's boot configuration (Cisco FlexVPN redundant-hub
 * guidance, dual-cloud design): a tunnel to each hub at all times, each with
 * a fixed destination and its own IKEv2/IPsec SA, and iBGP to both hubs'
 * overlay addresses with tuned timers and `fall-over`, advertising the
 * spoke's LAN and leaving the choice of hub to BGP. Communities are sent so
 * that an outbound route-map can tag the LAN toward a hub.
 */
import type { WorldSpec } from '../world/world.js';
import { DUAL_CLOUD_AS } from '../world/dual-cloud-world.js';
import { lengthToMask } from './dynamics/routes.js';

export const DUAL_CLOUD_LAN = { address: '10.20.12.1', network: '10.20.12.0', mask: '255.255.255.0' } as const;

export interface DualCloudTuning {
  /** `neighbor X timers K H`; IOS's defaults (60/180) when absent. */
  timers?: { keepaliveSec: number; holdSec: number };
  fallOver: boolean;
}

export const DUAL_CLOUD_TUNED: DualCloudTuning = { timers: { keepaliveSec: 10, holdSec: 30 }, fallOver: true };

export function dualCloudConfig(
  world: WorldSpec,
  hostname = 'spoke1',
  syslog?: { host: string; port: number },
  tuning: DualCloudTuning = DUAL_CLOUD_TUNED,
): string {
  const out: string[] = [`hostname ${hostname}`];
  for (const w of world.wans) {
    out.push(
      `interface ${w.interface}`,
      ` description WAN ${w.kind}`,
      w.prefixLength === 32 ? ' ip address negotiated' : ` ip address ${w.address} ${lengthToMask(w.prefixLength)}`,
    );
  }
  out.push('interface Vlan1', ' description LAN', ` ip address ${DUAL_CLOUD_LAN.address} ${DUAL_CLOUD_LAN.mask}`);
  out.push('interface GigabitEthernet5', ' description IOx', ' ip address 192.168.5.1 255.255.255.252');
  out.push('crypto ikev2 dpd 10 2 on-demand');
  const source = world.wans[0]!.interface;
  world.hubs.forEach((h, i) => {
    out.push(
      `interface Tunnel${i + 1}`,
      ` description cloud ${i + 1} (${h.name})`,
      ' ip address negotiated',
      ` ip nhrp network-id ${i + 1}`,
      ' ip nhrp redirect',
      ' ip nhrp shortcut virtual-template 1',
      ` tunnel source ${source}`,
      ` tunnel destination ${h.address}`,
      ' tunnel protection ipsec profile default',
    );
  });
  // Spoke-to-spoke shortcuts clone their Virtual-Access interfaces from here.
  out.push('interface Virtual-Template1 type tunnel', ` tunnel source ${source}`, ' tunnel protection ipsec profile default');
  out.push('ip bgp-community new-format');
  out.push(`router bgp ${DUAL_CLOUD_AS}`, ` bgp router-id ${DUAL_CLOUD_LAN.address}`, ' bgp log-neighbor-changes');
  out.push(` network ${DUAL_CLOUD_LAN.network} mask ${DUAL_CLOUD_LAN.mask}`);
  for (const h of world.hubs) {
    out.push(` neighbor ${h.tunnelAddress} remote-as ${h.bgp?.remoteAs ?? DUAL_CLOUD_AS}`);
    if (tuning.timers) out.push(` neighbor ${h.tunnelAddress} timers ${tuning.timers.keepaliveSec} ${tuning.timers.holdSec}`);
    if (tuning.fallOver) out.push(` neighbor ${h.tunnelAddress} fall-over`);
    out.push(` neighbor ${h.tunnelAddress} send-community both`);
  }
  if (syslog) out.push(`logging host ${syslog.host} transport udp port ${syslog.port}`);
  return out.join('\n');
}

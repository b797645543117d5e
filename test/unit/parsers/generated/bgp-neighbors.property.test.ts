import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { BgpNeighborDetail } from '../../../../proto/records/routing.js';
import { Gen } from './grammar-gen.js';

/**
 * `show ip bgp neighbors`: generated neighbour blocks (internal or external,
 * in a VRF or not, with or without fall-over, established or not, configured
 * timers, route-maps both ways, prefix activity, connections, last reset,
 * the associated interface, and the TCP section that closes a block); the
 * fields the agent reads come back exactly. Also `show bgp all neighbors`
 * (each family named on a `For address family:` line, before its first block
 * and for the empty families after), and the graceful-restart capability lines
 * (`Graceful Restart Capability:`, the peer's restart timer, the families it
 * advertised, IOS's unclosed `(was not preserved`), as CSR1000v 16.9 and 17.3
 * print them (corpus: pyats-examples, CL-DevNet-2595), several families on one line too. And the
 * lines genieparser's IOS-XE neighbour captures showed: the local AS with its options in the head
 * line, `Administratively shut down`, `Message statistics, state Established:`, `Translates address
 * family ... for VRF`, `Overrides the neighbor AS ...` and a TCP-AO keychain; a fall-over with its route map,
 * multisession message statistics, allowas-in, EVPN and VPLS peer lines, the families a peer kept on
 * a line of their own.
 */
const EMPTY_FAMILIES = ['IPv6 Unicast', 'IPv4 Multicast', 'L2VPN E-VPN', 'MVPNv4 Unicast', 'MVPNv6 Unicast'];
const GR_FAMILIES = ['IPv4 Unicast', 'IPv6 Unicast', 'VPNv4 Unicast'];
const REASONS = ['Route to peer lost', 'BGP Notification sent', 'Peer closed the session', 'User reset', 'Active open failed'];

describe('show ip bgp neighbors property: generated blocks read back', () => {
  it('holds for 200 generated outputs of 1-4 neighbours', () => {
    const g = new Gen(15_303);
    for (let n = 0; n < 200; n++) {
      const all = g.chance(0.4);
      const lines: string[] = all ? ['For address family: IPv4 Unicast'] : [];
      const want: BgpNeighborDetail[] = [];
      for (let b = g.between(1, 4); b > 0; b--) {
        const neighbor = g.ipv4();
        const remoteAs = g.between(1, 4_294_967_295);
        const internal = g.chance(0.5);
        const vrf = g.chance(0.2) ? g.pick(['DEV', 'CUST-A']) : undefined;
        const fallOver = g.chance(0.5);
        const up = g.chance(0.7);
        const age = g.age();
        const r: BgpNeighborDetail = {
          neighbor,
          ...(vrf ? { vrf } : {}),
          remoteAs,
          link: internal ? 'internal' : 'external',
          fallOver,
          state: up ? 'established' : 'idle',
          stateRaw: up ? 'Established' : 'Idle',
        };
        const localAs =
          !internal && g.chance(0.2)
            ? `local AS ${g.between(1, 4_294_967_295)}${g.pick(['', ' no-prepend', ' no-prepend replace-as', ' no-prepend replace-as dual-as'])},  `
            : '';
        lines.push(
          `BGP neighbor is ${neighbor},  ${vrf ? `vrf ${vrf},  ` : ''}remote AS ${remoteAs},  ${localAs}${internal ? 'internal' : 'external'} link`,
        );
        if (g.chance(0.1)) lines.push('  Administratively shut down');
        if (fallOver) {
          const rm = g.chance(0.3) ? g.pick(['FALL-OVER-RM', 'fo.1']) : undefined;
          lines.push(` Fall over configured for session${rm ? `, route-map ${rm}` : ''}`);
          if (rm) r.fallOverRouteMap = rm;
        }
        const rid = up ? g.ipv4() : '0.0.0.0';
        r.remoteRouterId = rid;
        lines.push(`  BGP version 4, remote router ID ${rid}`);
        lines.push(up ? `  BGP state = Established, up for ${age.text}` : `  BGP state = Idle, down for ${age.text}`);
        r.upDownSec = age.sec;
        if (up) {
          const hold = g.pick([180, 30, 15, 9]);
          const ka = Math.floor(hold / 3);
          const read = g.int(ka),
            write = g.int(ka);
          lines.push(
            `  Last read 00:00:${String(read).padStart(2, '0')}, last write 00:00:${String(write).padStart(2, '0')}, hold time is ${hold}, keepalive interval is ${ka} seconds`,
          );
          Object.assign(r, { lastReadSec: read, lastWriteSec: write, holdTimeSec: hold, keepaliveSec: ka });
          if (g.chance(0.5)) {
            lines.push(`  Configured hold time is ${hold}, keepalive interval is ${ka} seconds`);
            Object.assign(r, { configuredHoldTimeSec: hold, configuredKeepaliveSec: ka });
          }
          lines.push(
            '  Neighbor sessions:',
            '    1 active, is not multisession capable (disabled)',
            '  Neighbor capabilities:',
            '    Route refresh: advertised and received(new)',
            '    Four-octets ASN Capability: advertised and received',
          );
          if (g.chance(0.5)) {
            lines.push('    Address family IPv4 Unicast: advertised and received');
            lines.push(`    Graceful Restart Capability: ${g.pick(['received', 'advertised', 'advertised and received'])}`);
            for (const side of ['Remote', 'Local'])
              if (g.chance(0.6)) lines.push(`      ${side} Restart timer is ${g.pick([120, 60, 300])} seconds`);
            lines.push('      Address families advertised by peer:');
            // A peer that keeps no family across a restart: IOS prints `none` under the heading.
            if (g.chance(0.2)) lines.push('        none');
            else {
              for (const f of g.chance(0.5) ? GR_FAMILIES.slice(0, 1) : GR_FAMILIES.slice(0, g.between(1, 3)))
                lines.push(`        ${f} (was ${g.pick(['not ', ''])}preserved${g.pick(['', ')'])}`);
              if (g.chance(0.3)) lines.push('        VPNv4 Unicast (was not preserved, VPNv6 Unicast (was not preserved');
            }
            if (g.chance(0.3))
              lines.push('      Address families advertised by peer before restart:', `        ${g.pick(GR_FAMILIES)}, L2VPN Vpls`);
            lines.push(
              '    Enhanced Refresh Capability: advertised',
              '    Multisession Capability: ',
              '    Stateful switchover support enabled: NO for session 1',
            );
          }
        }
        const sent = g.int(100000),
          rcvd = g.int(100000);
        lines.push(
          g.pick([
            up ? '  Message statistics, state Established:' : '  Message statistics:',
            `  Message statistics for ${neighbor} ${g.pick(['active', 'passive'])}:`,
            '  Message statistics:',
          ]),
          '    InQ depth is 0',
          '    OutQ depth is 0',
          '',
          '                         Sent       Rcvd',
          `    Opens:                  1          1`,
          `    Total:        ${String(sent).padStart(11)}${String(rcvd).padStart(11)}`,
          '  Default minimum time between advertisement runs is 0 seconds',
          '',
          ' For address family: IPv4 Unicast',
        );
        Object.assign(r, { messagesSent: sent, messagesReceived: rcvd });
        if (vrf && g.chance(0.5)) lines.push(`  Translates address family IPv4 Unicast for VRF ${vrf}`);
        if (g.chance(0.2)) lines.push('  Overrides the neighbor AS with my AS before sending updates');
        for (const extra of [
          '  session 0 member',
          '  Scheduled for new neighbor index allocation',
          `  My AS number is allowed for ${g.between(1, 10)} number of times`,
          '  Prefers VxLAN if VTEP is UP else MPLS ',
          '  Suppress LDP signaling protocol',
          '  BGP diverse-paths computation is enabled',
        ])
          if (g.chance(0.15)) lines.push(extra);
        if (g.chance(0.5)) {
          r.communitySent = true;
          lines.push('  Community attribute sent to this neighbor');
        }
        if (g.chance(0.5)) {
          r.routeMapIn = g.pick(['AGENT-IN', 'PREFER-HUB2']);
          lines.push('  Inbound path policy configured', `  Route map for incoming advertisements is ${r.routeMapIn}`);
        }
        if (g.chance(0.5)) {
          r.routeMapOut = g.pick(['AGENT-OUT', 'TAG']);
          lines.push(`  Route map for outgoing advertisements is ${r.routeMapOut}`);
        }
        const ps = g.int(1000),
          pr = g.int(1000);
        lines.push(
          '                                 Sent       Rcvd',
          '  Prefix activity:               ----       ----',
          `    Prefixes Current:     ${String(ps).padStart(11)} ${String(pr).padStart(10)}`,
          '                                   Outbound    Inbound',
          '  Local Policy Denied Prefixes:    --------    -------',
          `    Total:                         ${String(g.int(50)).padStart(8)} ${String(g.int(50)).padStart(10)}`,
        );
        Object.assign(r, { prefixesSent: ps, prefixesReceived: pr });
        const route = g.chance(0.8);
        lines.push(`  Address tracking is enabled, the RIB ${route ? 'does' : 'does not'} have a route to ${neighbor}`);
        r.ribHasRouteToPeer = route;
        const est = g.int(20),
          drop = Math.max(0, est - g.int(2));
        lines.push(`  Connections established ${est}; dropped ${drop}`);
        Object.assign(r, { connectionsEstablished: est, connectionsDropped: drop });
        if (g.chance(0.5)) lines.push('  Last reset never');
        else {
          const at = g.age();
          const why = g.pick(REASONS);
          lines.push(`  Last reset ${at.text}, due to ${why}`);
          Object.assign(r, { lastResetSec: at.sec, lastResetReason: why });
        }
        if (g.chance(0.6)) {
          const i = g.pick(['Tunnel1', 'Tunnel2', 'GigabitEthernet0/0/1']);
          lines.push(`  Interface associated: ${i} (peering address NOT in same link)`);
          r.interface = i;
        }
        lines.push('  Transport(tcp) path-mtu-discovery is enabled', '  Graceful-Restart is disabled');
        if (g.chance(0.1)) lines.push('  AO keychain test1 include-tcp-options');
        lines.push(
          ...(up
            ? [
                'Connection state is ESTAB, I/O status: 1, unread input bytes: 0',
                `Local host: ${g.ipv4()}, Local port: 179`,
                'Event Timers (current time is 0x1106B0BD8):',
                'Retrans         83827          1             0x0',
              ]
            : ['  No active TCP connection']),
          '',
        );
        want.push(r);
      }
      if (all) for (const f of EMPTY_FAMILIES) if (g.chance(0.7)) lines.push('', `For address family: ${f}`);
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(all ? 'show bgp all neighbors' : 'show ip bgp neighbors', text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(want);
    }
  });
});

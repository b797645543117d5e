import { ROUTE_CODES } from '../../lab/render/ip-route.js';

/**
 * A generated `show ip route` of a large spoke: hub summaries over tunnels,
 * BGP and OSPF routes with one or two next hops, subnetted headers, statics.
 * Layout follows the corpus (genieparser ShowIpRoute, samples/show_ip_route_spoke_tunnels.txt).
 */
export function generateRouteTable(routes: number): string {
  const lines: string[] = [
    ...ROUTE_CODES,
    '',
    'Gateway of last resort is 198.51.100.1 to network 0.0.0.0',
    '',
    'S*    0.0.0.0/0 [1/0] via 198.51.100.1',
  ];
  let emitted = 1;
  for (let a = 10; emitted < routes; a++) {
    const block = Math.min(256 * 250, routes - emitted);
    lines.push(`      ${a}.0.0.0/8 is variably subnetted, ${block} subnets, 2 masks`);
    for (let i = 0; i < block && emitted < routes; i++, emitted++) {
      const b = (i >> 8) & 255;
      const c = i & 255;
      const kind = i % 10;
      const age = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
      if (kind < 5) {
        lines.push(`B        ${a}.${b}.${c}.0/24 [200/0] via 10.255.0.1, ${age}`);
      } else if (kind < 8) {
        lines.push(`O IA     ${a}.${b}.${c}.0/24 [110/${1000 + (i % 100)}] via 10.64.0.1, ${age}, Tunnel100`);
        lines.push(`                     [110/${1000 + (i % 100)}] via 10.65.0.1, ${age}, Tunnel200`);
      } else if (kind < 9) {
        lines.push(`S        ${a}.${b}.${c}.0/24 [1/0] via 10.64.0.1`);
      } else {
        lines.push(`C        ${a}.${b}.${c}.0/30 is directly connected, GigabitEthernet0/${i % 4}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

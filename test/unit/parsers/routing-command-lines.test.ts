import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// The raw sample's expected records are a parser case now (test/unit/parsers/cases).
describe('routing command lines', () => {
  it.each([
    ['show ip route', 'show ip route', {}],
    ['show ip route vrf INET', 'show ip route', { vrf: 'INET' }],
    ['show ip route bgp', 'show ip route', { protocol: 'bgp' }],
    ['show ip route vrf OOB_Mgmt ospf 10', 'show ip route', { vrf: 'OOB_Mgmt', protocol: 'ospf', process: '10' }],
    ['show ipv6 route', 'show ipv6 route', {}],
    ['show ipv6 route vrf Red', 'show ipv6 route', { vrf: 'Red' }],
    ['show ip bgp summary', 'show ip bgp summary', {}],
    ['show ip bgp all summary', 'show ip bgp summary', {}],
    ['show bgp all summary', 'show ip bgp summary', {}],
    ['show bgp vrf VRF1 all summary', 'show ip bgp summary', { vrf: 'VRF1' }],
    ['show bgp vpnv4 unicast rd 5918:51 summary', 'show ip bgp summary', { afi: 'vpnv4', safi: 'unicast', rd: '5918:51' }],
    ['show bgp vpnv4 unicast vrf L3VPN-0051 summary', 'show ip bgp summary', { afi: 'vpnv4', safi: 'unicast', vrf: 'L3VPN-0051' }],
    ['show ip bgp vpnv4 vrf L3VPN-1151 summary', 'show ip bgp summary', { afi: 'vpnv4', vrf: 'L3VPN-1151' }],
    ['show bgp ipv4 unicast summary', 'show ip bgp summary', { afi: 'ipv4', safi: 'unicast' }],
    ['show ip nhrp', 'show ip nhrp', {}],
    ['show dmvpn', 'show dmvpn', {}],
  ] as const)('%s resolves to %s', (line, id, args) => {
    const resolved = resolveCommand(line);
    expect(resolved?.spec.id).toBe(id);
    expect(resolved?.args).toEqual(args);
  });

  it('does not claim look-alike commands', () => {
    for (const line of ['show ip route summary', 'show ip bgp neighbors', 'show ip nhrp brief', 'show dmvpn debug-condition']) {
      expect(['show ip route', 'show ip bgp summary', 'show ip nhrp', 'show dmvpn']).not.toContain(resolveCommand(line)?.spec.id);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { allowedShowCommand } from '../../../agent/shell/commands/show-allow-list.js';

describe('run-show allow-list', () => {
  it.each([
    ['show version', 'show version'],
    ['  SHOW   crypto ikev2 SA  detailed ', 'show crypto ikev2 sa detailed'],
    ['show ip route vrf RED-1', 'show ip route vrf RED-1'],
    ['show ip route 10.1.2.3', 'show ip route 10.1.2.3'],
    ['show interfaces Cellular0/1/0', 'show interfaces Cellular0/1/0'],
    ['show ip sla statistics 12', 'show ip sla statistics 12'],
    ['show track 7', 'show track 7'],
    ['show bgp ipv4 unicast', 'show bgp ipv4 unicast'],
    ['show ip bgp neighbors 172.31.1.1', 'show ip bgp neighbors 172.31.1.1'],
    ['show route-map AGENT-IN', 'show route-map AGENT-IN'],
    // Read-only forms the parsers read since issue 18: their output can be parsed where it lands.
    ['show dmvpn detail', 'show dmvpn detail'],
    ['show ip sla statistics aggregated', 'show ip sla statistics aggregated'],
    ['show bgp ipv6 unicast', 'show bgp ipv6 unicast'],
  ])('allows %j', (input, normalised) => {
    expect(allowedShowCommand(input)).toBe(normalised);
  });

  it.each([
    'configure terminal',
    'reload',
    'clear crypto session',
    'debug crypto ikev2',
    'copy running-config tftp:',
    'show running-config',
    'show running-config | redirect tftp://x',
    'show version | tee flash:x',
    'show version | include X',
    'sh ver',
    'show ip ro',
    'show version\nreload',
    'show version\r',
    'show version; reload',
    'show interfaces Gi0/0 ; reload',
    'show ip route 999.1.1.1',
    'show interfaces gi0/0',
    'show ip route vrf a b',
    'show track x',
    'show ' + 'x'.repeat(300),
    'show tech-support',
    'more flash:/x',
    'show archive',
    'show ip bgp neighbors 172.31.1.300',
    'clear ip bgp 172.31.1.1 soft in',
  ])('refuses %j', (input) => {
    expect(allowedShowCommand(input)).toBeUndefined();
  });
});

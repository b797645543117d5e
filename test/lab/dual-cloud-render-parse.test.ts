import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

/** Every show command the agent reads, on a dual-cloud spoke with a shortcut up: the parsers read it all without a warning. */
const COMMANDS = [
  'show crypto ikev2 sa',
  'show crypto ikev2 sa detailed',
  'show crypto session',
  'show crypto session detail',
  'show crypto ipsec sa',
  'show crypto ipsec sa detail',
  'show ip route',
  'show ip route bgp',
  'show ip route nhrp',
  'show ip interface brief',
  'show interfaces',
  'show interfaces Tunnel1',
  'show version',
  'show ip bgp summary',
  'show bgp ipv4 unicast summary',
  'show ip bgp',
  'show bgp ipv4 unicast',
  'show ip bgp neighbors',
  'show ip bgp neighbors 172.31.2.1',
  'show ip bgp neighbors 172.31.1.1 advertised-routes',
  'show route-map',
  'show ip nhrp',
  'show dmvpn',
  'show logging',
];

describe('dual-cloud spoke: every show the agent reads parses cleanly', () => {
  const { router, clock } = labRouter({ topology: 'dual-cloud' });
  router.configure(
    ['route-map AVOID permit 10', ' set community 65000:110', 'router bgp 65000', ' neighbor 172.31.1.1 route-map AVOID out'].join('\n'),
  );
  exec(router, 'clear ip bgp 172.31.1.1 soft out');
  router.setFlow('10.20.13.20', true);
  seconds(clock, 5);
  it.each(COMMANDS)('%s', (command) => {
    const result = parseCommandOutput(command, exec(router, command));
    expect(result.warnings).toEqual([]);
    expect(result.records.length).toBeGreaterThan(0);
  });
});

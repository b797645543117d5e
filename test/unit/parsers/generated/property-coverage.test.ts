import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../agent/parsers/registry.js';

/**
 * Every command has a generated-variant property test (issue 18 item 3): a
 * command added to the registry fails here until its generator is written and
 * listed. The listed file must name the command, so a listing cannot point at
 * a test of something else.
 */
const PROPERTY_TESTS: Record<string, string> = {
  'show crypto ikev2 sa': 'ikev2-sa',
  'show crypto ikev2 sa detailed': 'ikev2-sa',
  'show crypto session': 'crypto-session',
  'show crypto session detail': 'crypto-session',
  'show crypto ipsec sa': 'ipsec-sa',
  'show crypto ipsec sa detail': 'ipsec-sa',
  'show crypto ikev2 client flexvpn': 'tables',
  'show ip sla statistics details': 'ip-sla-statistics',
  'show ip sla statistics': 'ip-sla-statistics',
  'show ip sla statistics aggregated': 'ip-sla-aggregated',
  'show ip sla summary': 'ip-sla-summary',
  'show track brief': 'tables',
  'show track': 'track',
  'show ip interface brief': 'tables',
  'show interfaces': 'interfaces',
  'show ip route': 'ip-route',
  'show ipv6 route': 'ipv6-route',
  'show ip bgp summary': 'bgp-summary',
  'show ip bgp': 'bgp-table',
  'show ip bgp neighbors': 'bgp-neighbors',
  'show route-map': 'route-map',
  'show ip nhrp': 'nhrp',
  'show dmvpn': 'dmvpn',
  'show version': 'show-version',
  'show logging': 'show-logging',
  syslog: 'syslog-header',
};

describe('generated-variant property tests', () => {
  it('exist for every supported command', () => {
    expect(COMMANDS.map((c) => c.id).filter((id) => PROPERTY_TESTS[id] === undefined)).toEqual([]);
  });

  it.each(Object.entries(PROPERTY_TESTS))('%s: %s.property.test.ts names it', (id, file) => {
    const path = new URL(`./${file}.property.test.ts`, import.meta.url);
    expect(existsSync(path)).toBe(true);
    // `show ip bgp summary` is exercised through `show bgp all summary`, one of its spellings.
    const named = id === 'show ip bgp summary' ? 'summary' : id === 'show ip sla statistics details' ? 'details' : id;
    expect(readFileSync(path, 'utf8').toLowerCase()).toContain(named);
  });
});

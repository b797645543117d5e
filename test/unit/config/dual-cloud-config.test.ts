import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigText } from '../../../agent/config/load.js';
import { asWritten } from '../../../agent/config/validate.js';

const DUAL = `
site: s1
node: n1
topology: dual-cloud
router: { ssh: { host: 192.168.1.1, username: u, password: p, acceptAnyHostKey: true } }
dualCloud:
  asn: 65000
  hubs:
    - { neighbor: 172.31.1.1, tunnel: Tu1, routeMapIn: SP-IN-1, routeMapOut: SP-OUT-1 }
    - { neighbor: 172.31.2.1, tunnel: Tu2, routeMapIn: SP-IN-2, routeMapOut: SP-OUT-2 }
  prefixes: [10.0.0.0/8]
  returnPath: { community: '65000:110' }
candidates:
  - { id: hub1, peer: 172.31.1.1, source: Tunnel1, slaOperations: [41] }
  - { id: hub2, peer: 172.31.2.1, source: Tunnel2, slaOperations: [42] }
`;

const issues = (text: string) => {
  const r = loadConfigText(text);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('topology: dual-cloud in the configuration', () => {
  it('a dual-cloud file loads: tunnels canonical, defaults filled, no FlexVPN client to steer', () => {
    const r = loadConfigText(DUAL);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.topology).toBe('dual-cloud');
    expect(r.config.dualCloud).toMatchObject({
      asn: 65000,
      preferLocalPreference: 200,
      protectedPrefixes: [],
      hubs: [{ tunnel: 'Tunnel1' }, { tunnel: 'Tunnel2' }],
    });
    expect('flexvpn' in r.config).toBe(false);
  });

  it('as written back (config check --print), a dual-cloud configuration has no flexvpn and loads again unchanged', () => {
    const r = loadConfigText(DUAL);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const written = asWritten(r.config);
    expect('flexvpn' in written).toBe(false);
    const again = loadConfigText(stringify(written));
    expect(again.ok ? again.config : again.issues).toEqual(r.config);
  });

  it('topology failover needs flexvpn and takes no dualCloud', () => {
    const r = loadConfigText(DUAL.replace('topology: dual-cloud', 'topology: failover'));
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['flexvpn', 'dualCloud']);
  });

  it('every cross-field problem is named with its path', () => {
    const bad = DUAL.replace("returnPath: { community: '65000:110' }", "returnPath: { community: '65000:110', med: 10 }")
      .replace('routeMapOut: SP-OUT-2', 'routeMapOut: SP-IN-1')
      .replace('source: Tunnel2', 'source: Tunnel1');
    expect(issues(bad)).toEqual([
      'dualCloud.hubs: route-map SP-IN-1 is used twice: each hub needs its own inbound and outbound route-map',
      'dualCloud.returnPath: needs exactly one of community (AA:NN the hubs map to a lower local preference) or med; got both',
      "candidates[1].source: Tunnel1 is not hub 172.31.2.1's tunnel (Tunnel2)",
    ]);
    expect(issues(DUAL.replace("'65000:110'", "'65000:70000'"))).toEqual([
      'dualCloud.returnPath.community: "65000:70000" is not a valid BGP community (AA:NN, each 0-65535)',
    ]);
    expect(issues(DUAL.replace('prefixes: [10.0.0.0/8]', 'prefixes: [10.0.0.0/33]'))).toEqual([
      'dualCloud.prefixes[0]: "10.0.0.0/33" is not a valid IPv4 prefix (10.0.0.0/8)',
    ]);
    expect(
      issues(
        DUAL.replace(
          'topology: dual-cloud\n',
          'topology: dual-cloud\nflexvpn: { client: F, tunnel: Tu100, peers: [{ address: 192.0.2.1, stubTrack: 1 }], sources: [{ interface: Gi0/0, stubTrack: 2 }] }\n',
        ),
      )[0],
    ).toMatch(/^flexvpn: is for topology failover/);
  });
});

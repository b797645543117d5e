import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { DmvpnAttribute, DmvpnPeer } from '../../../../proto/records/routing.js';
import { Gen } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show dmvpn` (IPv4): random outputs from the documented
 * line kinds (legend, interface header, role and peer count, the column
 * header and rule, peer rows of every state, Up/Down spelling and attribute
 * combination, peers of several entries whose further rows carry no NBMA
 * address), read back exactly.
 */
const LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
];
const STATES = [
  ['UP', 'up'],
  ['IKE', 'ike'],
  ['NHRP', 'nhrp'],
  ['DOWN', 'down'],
] as const;
const FLAGS: ReadonlyArray<readonly [string, DmvpnAttribute]> = [
  ['N', 'nated'],
  ['T1', 'route-installed'],
  ['T2', 'nexthop-override'],
  ['C', 'cts-capable'],
];
const ROLES = [
  ['Spoke', 'spoke'],
  ['Hub', 'hub'],
  ['Hub/Spoke', 'hub-spoke'],
] as const;

describe('show dmvpn property: generated outputs read back', () => {
  it('holds for 300 generated outputs', () => {
    const g = new Gen(18_414);
    for (let n = 0; n < 300; n++) {
      const lines = ['', ...LEGEND, ''];
      const want: Array<Partial<DmvpnPeer>> = [];
      for (let t = g.between(1, 3); t > 0; t--) {
        const intf = `Tunnel${g.int(1000)}`;
        const [roleRaw, role] = g.pick(ROLES);
        const rows: string[] = [];
        const peers: Array<Partial<DmvpnPeer>> = [];
        for (let p = g.between(1, 5); p > 0; p--) {
          const entries = g.chance(0.8) ? 1 : g.between(2, 3);
          const nbma = g.ipv4();
          for (let e = 0; e < entries; e++) {
            const tunnelAddress = `172.${g.between(16, 31)}.${g.int(256)}.${g.between(1, 254)}`;
            const [stateRaw, state] = g.pick(STATES);
            const up = g.pick<() => { text: string; sec?: number }>([() => ({ text: 'never' }), () => g.age()])();
            const base = g.pick([
              ['S', 'static'],
              ['D', 'dynamic'],
            ] as const);
            const extra = g.chance(0.4) ? [g.pick(FLAGS)] : [];
            const attributesRaw = base[0] + extra.map((f) => f[0]).join('');
            const head = e === 0 ? `${String(entries).padStart(6)} ${nbma.padEnd(15)}` : ' '.repeat(22);
            rows.push(`${head} ${tunnelAddress.padStart(15)} ${stateRaw.padStart(5)} ${up.text.padStart(8)} ${attributesRaw.padStart(5)}`);
            peers.push({
              interface: intf,
              family: 'ipv4',
              role,
              roleRaw,
              entries,
              nbmaAddress: nbma,
              tunnelAddress,
              state,
              stateRaw,
              upDownSec: up.sec,
              type: base[1],
              attributes: [base[1], ...extra.map((f) => f[1])],
              attributesRaw,
            });
          }
        }
        lines.push(
          `Interface: ${intf}, IPv4 NHRP Details`,
          `Type:${roleRaw}, NHRP Peers:${peers.length},`,
          '',
          ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
          ' ----- --------------- --------------- ----- -------- -----',
          ...rows,
          '',
        );
        want.push(...peers.map((p) => ({ ...p, interfacePeers: peers.length })));
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show dmvpn', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as DmvpnPeer[]).forEach((r, i) => {
        const w = want[i]!;
        expect(Object.fromEntries(Object.keys(w).map((k) => [k, r[k as keyof DmvpnPeer]])), text).toEqual(w);
      });
    }
  });
});
